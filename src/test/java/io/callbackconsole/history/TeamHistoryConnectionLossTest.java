package io.callbackconsole.history;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryUnavailableException.Problem;
import io.callbackconsole.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The server ends the console's connection (a restart, a fail-over, an administrator): the write that meets it fails
 * as unreachable with nothing written, so its decision is not sent; the next use connects again, and nothing
 * journaled before is lost.
 */
class TeamHistoryConnectionLossTest {

    @Test
    void aCutConnectionFailsTheWriteThatMeetsItAndTheNextWriteReconnects() throws SQLException {
        String database = TeamHistories.freshDatabase();
        Submission before = decision("BeforeCut1", "request-before-the-cut-0123456789abcdef", MORNING);
        Submission during = decision("DuringCut1", "request-during-the-cut-0123456789abcdef", MORNING.plusSeconds(1));
        try (HistoryStore store = TeamHistories.openAsOwner(database)) {
            store.recordIntent(before);

            assertThat(terminateConsoleSessions(database)).isEqualTo(1);

            assertThatThrownBy(() -> store.recordIntent(during))
                    .isInstanceOfSatisfying(HistoryUnavailableException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.UNREACHABLE))
                    .hasMessageContaining("Nothing was sent to SageMaker");
            assertThat(rows(database)).as("nothing of the failed write").isEqualTo(1);

            store.recordIntent(during);

            assertThat(rows(database)).isEqualTo(2);
            assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).containsExactly(before, during);
            assertThat(store.verify().intact()).isTrue();
        }
    }

    private static int terminateConsoleSessions(String database) throws SQLException {
        try (Connection c = TestPostgres.superuserOn(database); PreparedStatement terminate = c.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND application_name = 'Callback Console'")) {
            try (ResultSet result = terminate.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    private static long rows(String database) throws SQLException {
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
             ResultSet count = s.executeQuery("SELECT count(*) FROM submission_event")) {
            count.next();
            return count.getLong(1);
        }
    }
}
