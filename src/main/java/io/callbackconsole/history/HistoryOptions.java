package io.callbackconsole.history;

import io.callbackconsole.history.HistoryUnavailableException.Problem;
import java.time.Duration;
import java.util.Objects;

/**
 * How to open a history file (a team history has none of these: its server decides).
 *
 * @param busyTimeout how long to wait for another program's lock before reporting the database as locked
 * @param readOnly    open without writing anything (for reading someone else's history); every write is then
 *                    refused by SQLite and reported as {@link Problem#READ_ONLY}
 * @param immutable   (read-only only) read the file as an unchanging copy, SQLite's {@code immutable=1}: no
 *                    locks, no {@code -wal} or {@code -shm} created beside it. For a copy on read-only media, or
 *                    one whose permissions do not stop this user (root); chosen by itself for a read-only store
 *                    whose directory cannot be written. A change made while it is open is not seen.
 */
public record HistoryOptions(Duration busyTimeout, boolean readOnly, boolean immutable) {
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);

    public HistoryOptions(Duration busyTimeout, boolean readOnly) {
        this(busyTimeout, readOnly, false);
    }

    public HistoryOptions {
        Objects.requireNonNull(busyTimeout, "busyTimeout");
        if (immutable && !readOnly) {
            throw new IllegalArgumentException("Only a read-only store can read its file as immutable.");
        }
        if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("The busy timeout must be between 0 and "
                    + Integer.MAX_VALUE + " ms; got " + busyTimeout + ".");
        }
    }

    public static HistoryOptions defaults() {
        return new HistoryOptions(DEFAULT_BUSY_TIMEOUT, false);
    }

    public HistoryOptions withBusyTimeout(Duration timeout) {
        return new HistoryOptions(timeout, readOnly, immutable);
    }

    public HistoryOptions asReadOnly() {
        return new HistoryOptions(busyTimeout, true, immutable);
    }

    /** Read-only, reading the file as an unchanging copy (see {@code immutable}). */
    public HistoryOptions asImmutableCopy() {
        return new HistoryOptions(busyTimeout, true, true);
    }
}
