package io.callbackconsole.history;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a team history is written on the command line, and what is refused. */
class TeamHistoryLocationTest {

    @Test
    void aLibpqUrlNamesRoleHostPortDatabaseAndTls() {
        TeamHistoryLocation location = TeamHistoryLocation.parse(
                "postgresql://alice@db.example.com:6432/callback_history?sslmode=verify-full&sslrootcert=/etc/ca.pem");

        assertThat(location.role()).contains("alice");
        assertThat(location.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6432/callback_history");
        assertThat(location.parameters()).containsEntry("sslmode", "verify-full")
                .containsEntry("sslrootcert", "/etc/ca.pem");
        assertThat(location.display()).isEqualTo("postgresql://alice@db.example.com:6432/callback_history?sslmode=verify-full");
    }

    @Test
    void aJdbcUrlAndTheShortSchemeWorkAndThePortDefaultsTo5432() {
        TeamHistoryLocation jdbc = TeamHistoryLocation.parse("jdbc:postgresql://db.example.com/history?user=bob");
        TeamHistoryLocation shortScheme = TeamHistoryLocation.parse("postgres://db.example.com/history");

        assertThat(jdbc.role()).contains("bob");
        assertThat(jdbc.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:5432/history");
        assertThat(jdbc.parameters()).doesNotContainKey("user");
        assertThat(shortScheme.role()).isEmpty();
        assertThat(TeamHistoryLocation.isTeamHistory("jdbc:postgresql://h/d")).isTrue();
        assertThat(TeamHistoryLocation.isTeamHistory("/home/alice/history.db")).isFalse();
    }

    @Test
    void aPasswordInTheUrlIsRefusedAndNotRepeated() {
        for (String url : new String[] {"postgresql://alice:S3cret-pw@db/history",
                "postgresql://db/history?password=S3cret-pw", "jdbc:postgresql://db/history?user=a&password=S3cret-pw"}) {
            assertThatThrownBy(() -> TeamHistoryLocation.parse(url)).as(url)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("carries a password")
                    .hasMessageContaining("~/.pgpass")
                    .hasMessageNotContaining("S3cret-pw");
        }
    }

    @Test
    void aUrlWithoutDatabaseOrWithAnUnknownSslmodeSaysHowItIsWritten() {
        assertThatThrownBy(() -> TeamHistoryLocation.parse("postgresql://db.example.com"))
                .hasMessageContaining("names no database");
        assertThatThrownBy(() -> TeamHistoryLocation.parse("postgresql://db.example.com/h?sslmode=verify_full"))
                .hasMessageContaining("sslmode=verify_full is not one of")
                .hasMessageContaining("verify-full");
        assertThatThrownBy(() -> TeamHistoryLocation.parse("mysql://db/h"))
                .hasMessageContaining("does not start with postgresql://");
        assertThatThrownBy(() -> TeamHistoryLocation.parse("postgresql:///history"))
                .hasMessageContaining("names no server");
    }
}
