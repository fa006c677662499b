package io.callbackconsole.history;

import io.callbackconsole.history.HistoryUnavailableException.Problem;

import java.nio.file.Path;
import java.sql.SQLException;

/** Turns what SQLite reports into messages an operator can act on. */
final class SqliteFailures {

    // Primary result codes (https://www.sqlite.org/rescode.html); extended codes carry them in the low byte.
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_NOTADB = 26;

    private static final String ELSEWHERE = "or choose another data directory with --data-dir";

    private SqliteFailures() {
    }

    /**
     * @param doing what the store was doing, as a phrase ("opening", "journaling the decision on token X")
     * @return the exception to throw: {@link HistoryUnavailableException} for trouble with the file, or
     *         {@link IllegalStateException} when SQLite refused a row (a constraint: a bug, not the operator's doing)
     */
    static RuntimeException translate(Path databaseFile, String doing, SQLException e) {
        int primaryCode = e.getErrorCode() & 0xFF;
        String where = "The history database " + databaseFile;
        return switch (primaryCode) {
            case SQLITE_BUSY, SQLITE_LOCKED -> new HistoryUnavailableException(Problem.LOCKED, databaseFile,
                    where + " is locked: another program holds it (another Callback Console, or a tool that has it"
                            + " open) and did not let go in time while " + doing + ". Close that program, " + ELSEWHERE
                            + ".", e);
            case SQLITE_READONLY -> new HistoryUnavailableException(Problem.READ_ONLY, databaseFile,
                    where + " cannot be written while " + doing + ": the file or its directory is read-only, or the"
                            + " history was opened read-only. Make both writable, " + ELSEWHERE + ".", e);
            case SQLITE_FULL -> new HistoryUnavailableException(Problem.DISK_FULL, databaseFile,
                    where + " cannot grow while " + doing + ": the disk is full. Free space on that disk, "
                            + ELSEWHERE + ".", e);
            case SQLITE_NOTADB -> new HistoryUnavailableException(Problem.NOT_A_HISTORY, databaseFile,
                    where + " is not an SQLite database. It was left untouched. Move it aside (it may be worth"
                            + " keeping), " + ELSEWHERE + ".", e);
            case SQLITE_CORRUPT -> new HistoryUnavailableException(Problem.CORRUPT, databaseFile,
                    where + " is damaged (found while " + doing + "). It was left untouched: keep a copy for the audit"
                            + " trail, move it aside, " + ELSEWHERE + ".", e);
            case SQLITE_CANTOPEN -> new HistoryUnavailableException(Problem.CANNOT_OPEN, databaseFile,
                    where + " cannot be opened or created: check that its directory exists and that you may read and"
                            + " write there, " + ELSEWHERE + ".", e);
            case SQLITE_IOERR -> new HistoryUnavailableException(Problem.OTHER, databaseFile,
                    where + " could not be read or written while " + doing + " (disk I/O error: " + e.getMessage()
                            + "). Check the disk, " + ELSEWHERE + ".", e);
            case SQLITE_CONSTRAINT -> new IllegalStateException(where + " refused a row while " + doing + ": "
                    + e.getMessage(), e);
            default -> new HistoryUnavailableException(Problem.OTHER, databaseFile,
                    where + " failed while " + doing + ": " + e.getMessage(), e);
        };
    }
}
