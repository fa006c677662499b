package io.callbackconsole.history;

/** The file formats audit rows are exported in. */
public enum ExportFormat {
    /** RFC 4180: comma separated, CRLF line ends, fields quoted when needed; a header record, then column names. */
    CSV("csv"),
    /** One JSON object per line: a header object ({@code "record": "header"}), then one object per row. */
    JSON_LINES("jsonl");

    private final String extension;

    ExportFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }
}
