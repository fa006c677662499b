package io.callbackconsole.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The session the audit view reads a team history on. JIT compilation is off: the server compiled every query it
 * estimated costly before running it, and a search's estimate is a guess (a rare word's first count at 1 000 000 rows
 * spent 60-130 ms compiling and 1-5 ms running), while the view's reads stop at a page or a limit.
 */
class TeamHistoryReaderSessionTest {
    @Test
    void aReaderSessionIsReadOnlyAndCompilesNoQuery() throws SQLException {
        String database = TeamHistories.freshDatabase();
        TeamHistories.openAsOwner(database).close();
        TeamHistoryLocation location = TeamHistories.location(database, TestPostgres.SUPERUSER);
        TeamHistoryConnections connections = new TeamHistoryConnections(location,
                TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD));
        try (Connection reader = AuditReaders.teamReader(connections, location,
                PostgresDialect.forReading(location, connections.role()))) {
            assertThat(setting(reader, "jit")).isEqualTo("off");
            assertThat(setting(reader, "default_transaction_read_only")).isEqualTo("on");
        }
        try (Connection plain = TestPostgres.superuserOn(database)) {
            assertThat(setting(plain, "jit")).as("the test server compiles unless told not to").isEqualTo("on");
        }
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SHOW " + name)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
