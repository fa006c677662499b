package io.callbackconsole.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessAgeTest {
    /** A line of /proc/PID/stat whose command name holds spaces and parentheses; its start time is 123456 ticks. */
    private static final String STAT = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 1234 0 0 0 50 10 0 0 20 0 "
            + "30 0 123456 9000000000 50000 18446744073709551615 1 1 0 0 0 0 0 4096 17663 0 0 0 17 1 0 0 0 0 0\n";

    @Test
    void theAgeIsTheUptimeLessTheStartTickCountedAfterTheNamesLastParenthesis() {
        assertThat(ProcessAge.fromProc(STAT, "1240.57 2400.10\n", 100)).contains(1240_570L - 1_234_560L);
    }

    @Test
    void textThatDoesNotReadAsProcGivesNoAge() {
        assertThat(ProcessAge.fromProc("4242 java S 1", "12.5 3.0", 100)).isEmpty();
        assertThat(ProcessAge.fromProc("4242 (java) S 1 2 3", "12.5 3.0", 100)).isEmpty();
        assertThat(ProcessAge.fromProc(STAT.replace("123456", "soon"), "1240.57 2400.10", 100)).isEmpty();
        assertThat(ProcessAge.fromProc(STAT, "", 100)).isEmpty();
        // A start after the uptime read is not an age.
        assertThat(ProcessAge.fromProc(STAT, "1000.00 1.0", 100)).isEmpty();
    }

    /**
     * This test's JVM was started by surefire's fork a moment before its own clock began: the process is older than
     * the JVM's uptime, and by far less than a second. The age from ProcessHandle's start instant was too long by
     * the fraction of a second that /proc/stat's boot time drops (0.96 s on the machine this was found on).
     */
    @Test
    void onLinuxTheAgeIsTheJvmsUptimeAndTheMomentBeforeItsClockBegan() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux only");
        long uptimeBefore = ManagementFactory.getRuntimeMXBean().getUptime();
        long age = ProcessAge.millis();
        assertThat(age).isGreaterThanOrEqualTo(uptimeBefore - 10).isLessThan(uptimeBefore + 700);
    }
}
