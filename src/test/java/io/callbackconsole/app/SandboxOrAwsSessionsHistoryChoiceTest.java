package io.callbackconsole.app;

import static io.callbackconsole.testing.TestPollerSettings.NO_SCHEDULE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.history.TeamHistoryLocation;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which history an AWS connection journals in: the launch's {@code --history} wins over the team history chosen for
 * the connection in Connect…, which wins over the data directory's file.
 */
class SandboxOrAwsSessionsHistoryChoiceTest {
    private static final ConnectionSettings AWS = new ConnectionSettings(false, "ops", "us-east-1",
            List.of("https://sqs.us-east-1.amazonaws.com/123456789012/q"), null, null, null);

    @TempDir
    Path dataDir;

    SandboxOrAwsSessions sessions(TeamHistoryLocation launch) {
        return new SandboxOrAwsSessions(AppDirectories.resolve(dataDir), "test", NO_SCHEDULE, launch);
    }

    @Test
    void theConnectionsOwnTeamHistoryIsUsedWithoutAFlag() {
        assertThat(sessions(null).teamHistoryOf(AWS.withHistoryUrl("postgresql://alice@db.example.com/team")))
                .hasToString("postgresql://alice@db.example.com:5432/team");
        assertThat(sessions(null).teamHistoryOf(AWS)).as("the file").isNull();
    }

    @Test
    void theFlagWinsForTheLaunch() {
        TeamHistoryLocation flag = TeamHistoryLocation.parse("postgresql://bob@other.example.com/flagged");
        assertThat(sessions(flag).teamHistoryOf(AWS.withHistoryUrl("postgresql://alice@db.example.com/team")))
                .isSameAs(flag);
        assertThat(sessions(flag).teamHistoryOf(AWS)).isSameAs(flag);
    }

    @Test
    void aSavedUrlWithAPasswordIsRefusedWhenTheConnectionOpens() {
        assertThatThrownBy(() -> sessions(null).teamHistoryOf(
                AWS.withHistoryUrl("postgresql://alice:hunter2@db.example.com/team")))
                .hasMessageContaining("carries a password").hasMessageContaining("~/.pgpass")
                .hasMessageNotContaining("hunter2");
    }
}
