package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;

/**
 * One numbered step of the history schema. A migration, once released, is never edited: a later change is a new
 * migration appended to {@link HistorySchema#MIGRATIONS}, so every database reaches the same schema by the same path.
 * Migrations run with foreign keys off (so a table can be rebuilt) and must leave {@code PRAGMA foreign_key_check}
 * clean, which is checked before the version is set.
 *
 * @param version the {@code PRAGMA user_version} the database has after this step
 * @param purpose one line for the log
 * @param steps   run in order, in one transaction together with the version change
 */
record SchemaMigration(int version, String purpose, List<Step> steps) {

    /** SQL or Java work inside a migration's transaction (Java for what SQL alone cannot do, such as hashing rows). */
    @FunctionalInterface
    interface Step {
        void apply(Connection c) throws SQLException;
    }

    SchemaMigration {
        if (version < 1) {
            throw new IllegalArgumentException("Migration versions start at 1; got " + version + ".");
        }
        Objects.requireNonNull(purpose, "purpose");
        steps = List.copyOf(steps);
    }

    /** A migration made of SQL statements only. */
    static SchemaMigration ofSql(int version, String purpose, List<String> statements) {
        return new SchemaMigration(version, purpose, List.of(sql(statements)));
    }

    static Step sql(List<String> statements) {
        List<String> copy = List.copyOf(statements);
        return c -> {
            try (Statement s = c.createStatement()) {
                for (String statement : copy) {
                    s.execute(statement);
                }
            }
        };
    }
}
