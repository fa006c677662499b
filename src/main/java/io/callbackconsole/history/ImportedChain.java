package io.callbackconsole.history;

import java.util.Objects;

/**
 * A local file's chain as walked from the team history it was imported into ({@link ImportedChainVerifier}).
 *
 * @param source     the file, as {@code imported_from} names it
 * @param head       the file's row the walk verified last, as {@code SEQ:HASH} in the file
 * @param noted      the file's head the last import of it noted ({@code imported_head}); null when no row verified
 * @param problem    why the walk stopped, for a person; null when every imported row of the file verified
 */
public record ImportedChain(String source, ChainHead head, ChainHead noted, String problem) {

    public ImportedChain {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(head, "head");
    }

    public boolean intact() {
        return problem == null;
    }

    /** One line: "Imported from F: its chain verifies, 16 rows, head 16:…", or where it breaks. */
    public String describe() {
        return "Imported from " + source + ": " + (intact()
                ? "its chain verifies from the team history, " + head.seq() + " rows, head " + head
                        + (noted != null && !noted.equals(head) ? " (the last import noted the file's head " + noted
                                + ")" : "")
                : "its chain does not verify from the team history: " + problem + " (verified up to head " + head
                        + ")");
    }
}
