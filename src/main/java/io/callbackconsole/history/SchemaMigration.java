package io.callbackconsole.history;

import java.util.List;
import java.util.Objects;

/**
 * One numbered step of the history schema. A migration, once released, is never edited: a later change is a new
 * migration appended to {@link HistorySchema#MIGRATIONS}, so every database reaches the same schema by the same path.
 *
 * @param version    the {@code PRAGMA user_version} the database has after this step
 * @param purpose    one line for the log
 * @param statements SQL run in order, in one transaction together with the version change
 */
record SchemaMigration(int version, String purpose, List<String> statements) {

    SchemaMigration {
        if (version < 1) {
            throw new IllegalArgumentException("Migration versions start at 1; got " + version + ".");
        }
        Objects.requireNonNull(purpose, "purpose");
        statements = List.copyOf(statements);
    }
}
