package io.callbackconsole.testing;

import io.callbackconsole.triage.CallbackPoller.PollerSettings;
import java.time.Duration;

/** The poller settings tests share, in one place. */
public final class TestPollerSettings {
    /** A poll every 200 ms without long polling; leases of 5 minutes, so nothing goes back to a queue mid-test. */
    public static final PollerSettings FAST = new PollerSettings(Duration.ofMinutes(5), Duration.ofMillis(200), 0);
    /** No scheduled poll within a test's time: the test polls itself (pollOnce) and nothing else does. */
    public static final PollerSettings NO_SCHEDULE = new PollerSettings(Duration.ofMinutes(5), Duration.ofMinutes(5),
            0);

    private TestPollerSettings() {
    }
}
