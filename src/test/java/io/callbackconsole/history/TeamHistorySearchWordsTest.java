package io.callbackconsole.history;

import io.callbackconsole.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static org.assertj.core.api.Assertions.assertThat;

/** Team schema 5: each row's search words are stored with it, rows from before the migration included. */
class TeamHistorySearchWordsTest {

    @Test
    void rowsWrittenBeforeTheMigrationGetTheirWordsAndStillVerify() throws Exception {
        String database = TeamHistories.freshDatabase();
        TeamHistoryLocation owner = TeamHistories.location(database, TestPostgres.SUPERUSER);
        try (HistoryStore before = HistoryStore.openTeam(owner, SampleSubmissions.CONSOLE_VERSION,
                TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD),
                TeamHistorySchema.MIGRATIONS.subList(0, 4))) {
            before.recordIntent(SampleSubmissions.decision("OldTok0001", MORNING));
        }

        try (HistoryStore after = TeamHistories.openAsOwner(database)) {
            after.recordIntent(SampleSubmissions.decision("NewTok0001", MORNING.plusSeconds(1)));
            assertThat(after.verify().intact()).as("the stored words are not part of any hash").isTrue();
        }
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM submission_event"
                     + " WHERE search_words @@ to_tsquery('simple', 'ops & 42')")) {
            rows.next();
            assertThat(rows.getLong(1)).as("both rows, the one from before the migration too").isEqualTo(2);
        }
        try (AuditLog audit = AuditLog.openTeam(TeamHistories.location(database, TestPostgres.SUPERUSER),
                TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD))) {
            assertThat(audit.count(new AuditFilter(null, null, null, null, null, null, "OPS-42"))).isEqualTo(2);
            assertThat(audit.count(new AuditFilter(null, null, null, null, null, null, "oldtok"))).isEqualTo(1);
        }
    }
}
