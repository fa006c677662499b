package io.callbackconsole.history;

import io.callbackconsole.testing.TestPostgres;
import java.util.Map;

/** Team histories on the test server ({@link TestPostgres}) for the history tests. */
final class TeamHistories {
    private TeamHistories() {
    }

    /** A new, empty database on the shared test server; its JDBC URL, without role or password. */
    static String freshDatabase() {
        return TestPostgres.freshDatabase();
    }

    /** The location of a database for a role, as a user would write it. */
    static TeamHistoryLocation location(String jdbcUrl, String role) {
        return TeamHistoryLocation.parse(jdbcUrl + "?user=" + role);
    }

    /** The environment a console signing in as {@code role} with {@code password} would have (PGPASSWORD). */
    static Map<String, String> withPassword(String password) {
        return Map.of("PGPASSWORD", password);
    }

    /** A team history in the database, opened (and migrated) as the test superuser, which owns it. */
    static HistoryStore openAsOwner(String jdbcUrl) {
        return HistoryStore.openTeam(location(jdbcUrl, TestPostgres.SUPERUSER), SampleSubmissions.CONSOLE_VERSION,
                withPassword(TestPostgres.SUPERUSER_PASSWORD), TeamHistorySchema.MIGRATIONS);
    }

    /** The auditor's reads of the team history in the database, as the test superuser. */
    static AuditLog openAuditAsSuperuser(String jdbcUrl) {
        return AuditLog.openTeam(location(jdbcUrl, TestPostgres.SUPERUSER),
                withPassword(TestPostgres.SUPERUSER_PASSWORD));
    }

    /** A fresh team history opened as its owner. */
    static HistoryStore openFreshAsOwner() {
        return openAsOwner(freshDatabase());
    }
}
