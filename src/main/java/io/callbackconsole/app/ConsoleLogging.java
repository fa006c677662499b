package io.callbackconsole.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.Map;

/**
 * The console log on stderr, set up in code: logback finds this through {@code META-INF/services} before it looks
 * for {@code logback.xml}, and reading XML would cost the launch about as much as starting JavaFX. The GUI adds a
 * rolling file in the data directory ({@link LogFile}). A file named by {@code -Dlogback.configurationFile} still
 * wins.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {
    /** The lowest level printed on stderr (INFO when unset): benchmarks set WARN so printing does not cost them CPU. */
    static final String STDERR_LEVEL = "callbackconsole.stderr.level";
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";
    /** Libraries whose INFO lines say nothing an operator needs. */
    static final Map<String, Level> QUIETER = Map.of(
            "org.apache.pekko", Level.WARN,
            "org.elasticmq", Level.WARN,
            "software.amazon.awssdk", Level.WARN,
            "org.apache.http", Level.WARN,
            "com.zaxxer.hikari", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LayoutWrappingEncoder<ILoggingEvent> encoder = RedactingPatternLayout.encoder(context, PATTERN);
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        ThresholdFilter threshold = new ThresholdFilter();
        threshold.setLevel(System.getProperty(STDERR_LEVEL, "INFO"));
        threshold.start();
        stderr.addFilter(threshold);
        stderr.start();

        QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
