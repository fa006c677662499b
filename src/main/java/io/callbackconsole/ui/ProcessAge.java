package io.callbackconsole.ui;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long ago the operating system started this process, so a native launcher's own start-up counts in the smoke
 * test's figures. On Linux {@code ProcessHandle}'s start instant adds the process's start (in clock ticks since boot)
 * to the boot time of {@code /proc/stat}, which is in whole seconds: every age came out too long by the same 0–1 s
 * for as long as the machine ran (0.96 s on one machine here). {@code /proc/uptime} and the process's start tick count
 * from the same boot, to 10 ms, so their difference is the age. Elsewhere the start instant is precise.
 */
final class ProcessAge {
    /** Clock ticks per second of {@code /proc}'s process times: USER_HZ, 100 on every Linux architecture in use. */
    static final int LINUX_TICKS_PER_SECOND = 100;

    private ProcessAge() {
    }

    /** Milliseconds since this process started; the JVM's uptime where the system does not tell. */
    static long millis() {
        return linuxMillis()
                .or(() -> ProcessHandle.current().info().startInstant()
                        .map(start -> Duration.between(start, Instant.now()).toMillis()))
                .orElseGet(() -> ManagementFactory.getRuntimeMXBean().getUptime());
    }

    private static Optional<Long> linuxMillis() {
        Path stat = Path.of("/proc/self/stat");
        Path uptime = Path.of("/proc/uptime");
        if (!Files.isReadable(stat) || !Files.isReadable(uptime)) {
            return Optional.empty();
        }
        try {
            return fromProc(Files.readString(stat, StandardCharsets.US_ASCII),
                    Files.readString(uptime, StandardCharsets.US_ASCII), LINUX_TICKS_PER_SECOND);
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /**
     * The age from the texts of {@code /proc/self/stat} and {@code /proc/uptime}; empty when they do not read as
     * such. The command name (field 2) is in parentheses and may hold spaces and parentheses itself, so the fields
     * are counted after its last ")": the start time is field 22 of the line.
     */
    static Optional<Long> fromProc(String stat, String uptime, int ticksPerSecond) {
        int nameEnd = stat.lastIndexOf(')');
        String[] uptimeFields = uptime.trim().split("\\s+");
        if (nameEnd < 0 || uptimeFields.length == 0) {
            return Optional.empty();
        }
        String[] fields = stat.substring(nameEnd + 1).trim().split("\\s+");
        int startTimeIndex = 22 - 3; // the fields after the name begin at field 3 (state)
        if (fields.length <= startTimeIndex) {
            return Optional.empty();
        }
        try {
            long startTicks = Long.parseLong(fields[startTimeIndex]);
            double uptimeSeconds = Double.parseDouble(uptimeFields[0]);
            long age = Math.round(uptimeSeconds * 1000) - startTicks * 1000 / ticksPerSecond;
            return age < 0 ? Optional.empty() : Optional.of(age);
        } catch (NumberFormatException notNumbers) {
            return Optional.empty();
        }
    }
}
