package io.callbackconsole.ui.preferences;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.triage.BulkSubmission;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A saved preferences file that holds a value out of range is refused with a sentence from the window's words. */
class PreferencesRangeTest {
    @Test
    void anOutOfRangeValueIsNamedWithItsBounds() {
        assertThatThrownBy(() -> new Preferences(0, Map.of(), true, true, true, 7, BulkSubmission.DEFAULT_CONCURRENCY))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The age alarm takes 1 to " + Preferences.MAX_ALARM_MINUTES + "; got 0");
        assertThatThrownBy(() -> new Preferences(30, Map.of("nightly", 0), true, true, true, 7,
                BulkSubmission.DEFAULT_CONCURRENCY))
                .hasMessage("The age alarm of nightly takes 1 to " + Preferences.MAX_ALARM_MINUTES + "; got 0");
        assertThatThrownBy(() -> new Preferences(30, Map.of(" ", 5), true, true, true, 7,
                BulkSubmission.DEFAULT_CONCURRENCY)).hasMessage("A per-pipeline age alarm needs a pipeline name");
    }
}
