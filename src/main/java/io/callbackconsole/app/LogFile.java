package io.callbackconsole.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The console's log file: {@code logs/callback-console.log} in the data directory, rolled daily and at 10 MB, 14 days
 * and 100 MB kept. Added in code rather than in {@code logback.xml} because the data directory is only known once the
 * command line is read; never next to the program, which may be read-only. The {@code sandbox} command and the tests
 * log to the console only.
 */
public final class LogFile {
    static final String APPENDER_NAME = "DATA_DIR_FILE";
    static final String FILE_NAME = "callback-console.log";
    private static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    private LogFile() {
    }

    public static Path in(AppDirectories directories) {
        return directories.dataDir().resolve("logs").resolve(FILE_NAME);
    }

    /**
     * Turns logging off for a command whose stdout and stderr scripts read: its own one-sentence errors are all it
     * prints. Commands for scripts keep no log file, so nothing else is lost.
     */
    public static void silenceConsole() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.OFF);
        }
    }

    /** Starts writing the log to {@link #in} as well; returns the file, or null when the backend is not logback. */
    public static Path start(AppDirectories directories) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return null;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var previous = root.getAppender(APPENDER_NAME);
        if (previous != null) {
            root.detachAppender(previous);
            previous.stop();
        }
        Path file = in(directories);
        try {
            // Logback would create the folder and the file with the umask's modes (0755, 0644).
            OwnerOnlyFiles.createFileIfMissing(file);
        } catch (java.io.IOException e) {
            context.getLogger(LogFile.class).warn("Cannot create the log file {} owner-only: {}", file, e.toString());
        }
        // Logback reads '\' in a file name pattern as an escape; forward slashes work on every OS.
        String directory = file.getParent().toString().replace('\\', '/');

        RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER_NAME);
        appender.setFile(file.toString());

        SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
        rolling.setContext(context);
        rolling.setParent(appender);
        rolling.setFileNamePattern(directory + "/callback-console-%d{yyyy-MM-dd}.%i.log.gz");
        rolling.setMaxFileSize(FileSize.valueOf("10MB"));
        rolling.setMaxHistory(14);
        rolling.setTotalSizeCap(FileSize.valueOf("100MB"));
        rolling.start();
        appender.setRollingPolicy(rolling);

        LayoutWrappingEncoder<ILoggingEvent> encoder = RedactingPatternLayout.encoder(context, PATTERN);
        appender.setEncoder(encoder);
        appender.start();
        root.addAppender(appender);
        return file;
    }
}
