package io.callbackconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.EnvironmentMark;
import io.callbackconsole.ui.EnvironmentMarks;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A marks file that cannot be read or written costs the header's colour, never the connection. */
class ConnectionMarksTest {
    static final ConnectionSettings OPS = new ConnectionSettings(false, "ops", "us-east-2", List.of(), null, null,
            null);

    /** A marks file the console may not read or write (a full disk, a file of another user). */
    static final EnvironmentMarks BROKEN = new EnvironmentMarks() {
        @Override
        public Map<String, EnvironmentMark> load() throws IOException {
            throw new IOException("marks.json: permission denied");
        }

        @Override
        public void save(String profileKey, EnvironmentMark mark) throws IOException {
            throw new IOException("marks.json: no space left on device");
        }
    };

    @Test
    void aMarkChosenForAProfileIsSavedAndReadBackForItsNextConnection() {
        EnvironmentMarks store = EnvironmentMarks.inMemory();
        ConnectionMarks marks = new ConnectionMarks(store);

        assertThat(marks.markFor(OPS, Optional.of(EnvironmentMark.PRODUCTION))).isEqualTo(EnvironmentMark.PRODUCTION);

        assertThat(marks.markFor(OPS, Optional.empty())).isEqualTo(EnvironmentMark.PRODUCTION);
        assertThat(marks.saved()).containsEntry("ops", EnvironmentMark.PRODUCTION);
        ConnectionSettings other = new ConnectionSettings(false, "dev", "us-east-2", List.of(), null, null, null);
        assertThat(marks.markFor(other, Optional.empty())).isEqualTo(EnvironmentMark.UNMARKED);
    }

    @Test
    void anUnreadableMarksFileLeavesTheConnectionUnmarkedAndTheDialogWithoutMarks() {
        ConnectionMarks marks = new ConnectionMarks(BROKEN);

        assertThat(marks.markFor(OPS, Optional.empty())).isEqualTo(EnvironmentMark.UNMARKED);
        assertThat(marks.saved()).isEmpty();
    }

    @Test
    void aMarkThatCannotBeSavedIsStillShownForThisConnection() {
        ConnectionMarks marks = new ConnectionMarks(BROKEN);

        assertThat(marks.markFor(OPS, Optional.of(EnvironmentMark.STAGING))).isEqualTo(EnvironmentMark.STAGING);
    }

    @Test
    void theSandboxIsAlwaysMarkedSandboxAndNeverSaved() {
        ConnectionMarks marks = new ConnectionMarks(BROKEN);

        assertThat(marks.markFor(ConnectionSettings.sandboxToStart(), Optional.of(EnvironmentMark.PRODUCTION)))
                .isEqualTo(EnvironmentMark.SANDBOX);
    }
}
