package io.callbackconsole.ui.preferences;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What each Preferences field says of a value it refuses: the sentences from before they moved into the bundle. */
class PreferencesInputTest {

    @Test
    void aWholeNumberFieldSaysWhatItTakesAndWhatWasWrong() {
        assertThat(PreferencesInput.alarmMinutes(" ").problem())
                .isEqualTo("The age alarm takes a whole number of minutes from 1 to 10080.");
        assertThat(PreferencesInput.alarmMinutes("12x").problem())
                .isEqualTo("The age alarm takes a whole number of minutes from 1 to 10080; '12x' is not one.");
        assertThat(PreferencesInput.bulkConcurrency("1000").problem())
                .isEqualTo("Bulk concurrency takes a whole number of calls at a time from 1 to 32; got 1000.");
        assertThat(PreferencesInput.findWaitingDays("7").value()).isEqualTo(7);
    }

    @Test
    void aPerPipelineLineSaysWhichLineAndWhatIsWrongWithIt() {
        assertThat(PreferencesInput.pipelineAlarms("a = 5\n\nnightly").problem())
                .isEqualTo("Line 3: write a pipeline name, '=' and minutes, e.g. nightly-retrain = 120.");
        assertThat(PreferencesInput.pipelineAlarms(" = 5").problem())
                .isEqualTo("Line 1: the pipeline name is empty; write it before the '='.");
        assertThat(PreferencesInput.pipelineAlarms("nightly = 0").problem())
                .isEqualTo("Line 1: The age alarm of nightly takes a whole number of minutes from 1 to 10080; got 0.");
        assertThat(PreferencesInput.pipelineAlarms("nightly = 5\nnightly = 6").problem())
                .isEqualTo("Line 2: nightly is named twice; keep one line.");
        assertThat(PreferencesInput.pipelineAlarms("bad\u202Ename = 0").problem())
                .as("a pipeline's name is outside text: escaped").doesNotContain("\u202E");
        assertThat(PreferencesInput.pipelineAlarms("nightly = 120\nhourly=5").value())
                .isEqualTo(Map.of("nightly", 120, "hourly", 5));
    }
}
