package io.callbackconsole.history;

import io.callbackconsole.testing.TestPostgres;
import java.nio.file.Path;

/**
 * Histories left at an older schema, as an older console would have left them, for the tests of {@code history
 * migrate} in other packages (the migration lists are this package's).
 */
public final class OlderSchemas {
    private OlderSchemas() {
    }

    /** The latest team-history schema version. */
    public static int latestTeamVersion() {
        return HistorySchema.latestVersion(TeamHistorySchema.MIGRATIONS);
    }

    /** The latest history-file schema version. */
    public static int latestFileVersion() {
        return HistorySchema.latestVersion(HistorySchema.MIGRATIONS);
    }

    /** Sets the team history in the database up to {@code version}, as its owner (the test superuser). */
    public static void teamHistoryAt(String jdbcUrl, int version) {
        HistoryStore.openTeam(TeamHistories.location(jdbcUrl, TestPostgres.SUPERUSER), SampleSubmissions.CONSOLE_VERSION,
                TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD),
                TeamHistorySchema.MIGRATIONS.subList(0, version)).close();
    }

    /** Creates a history file at {@code version}. */
    public static void fileAt(Path file, int version) {
        HistoryStore.open(file, SampleSubmissions.CONSOLE_VERSION, HistoryOptions.defaults(),
                HistorySchema.MIGRATIONS.subList(0, version)).close();
    }
}
