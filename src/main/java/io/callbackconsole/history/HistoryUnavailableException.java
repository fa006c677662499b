package io.callbackconsole.history;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The history database cannot be used as it is. The message is meant for the operator: it names the file (or the
 * team history's URL, never its password), says what
 * is wrong and what to do. The console must not submit decisions while this is unresolved, because a decision that
 * cannot be journaled could be lost.
 */
public final class HistoryUnavailableException extends RuntimeException {

    /** What kind of trouble, so a caller can offer the right remedy without parsing the message. */
    public enum Problem {
        /** Another program holds a lock on the database longer than the busy timeout. */
        LOCKED,
        /** The file, its directory or the connection does not allow writing. */
        READ_ONLY,
        /** No space left for the database or its write-ahead log. */
        DISK_FULL,
        /** The file is not an SQLite database, or not one this console wrote. */
        NOT_A_HISTORY,
        /** The file is an SQLite database but damaged. */
        CORRUPT,
        /** The database was written by a newer version of the console. */
        NEWER_SCHEMA,
        /** The file cannot be opened or created at all (missing or inaccessible directory). */
        CANNOT_OPEN,
        /** The team history's server cannot be reached (down, wrong host or port, network, TLS refused). */
        UNREACHABLE,
        /** The team history's server refused the sign-in (wrong or missing password, unknown role). */
        AUTHENTICATION,
        /** The team history's role may not do what the console needs (INSERT, SELECT, creating the schema). */
        PRIVILEGES,
        /** Anything else the disk, SQLite or the server reported. */
        OTHER
    }

    private final transient Path databaseFile;
    private final String location;
    private final Problem problem;

    public HistoryUnavailableException(Problem problem, Path databaseFile, String message, Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.databaseFile = Objects.requireNonNull(databaseFile, "databaseFile");
        this.location = databaseFile.toString();
    }

    /** For a team history, named by its URL without secrets ({@link TeamHistoryLocation#display()}). */
    public HistoryUnavailableException(Problem problem, TeamHistoryLocation teamHistory, String message,
                                       Throwable cause) {
        super(message, cause);
        this.problem = Objects.requireNonNull(problem, "problem");
        this.databaseFile = null;
        this.location = teamHistory.display();
    }

    private HistoryUnavailableException(HistoryUnavailableException said, String sentence) {
        super(said.getMessage() + " " + sentence, said.getCause());
        this.problem = said.problem;
        this.databaseFile = said.databaseFile;
        this.location = said.location;
    }

    /** The same trouble with one more sentence of what came of it. */
    HistoryUnavailableException withSentence(String sentence) {
        return new HistoryUnavailableException(this, sentence);
    }

    public Problem problem() {
        return problem;
    }

    /** The history file; null when the history is a team history (see {@link #location()}). */
    public Path databaseFile() {
        return databaseFile;
    }

    /** The file, or the team history's URL without secrets. */
    public String location() {
        return location;
    }
}
