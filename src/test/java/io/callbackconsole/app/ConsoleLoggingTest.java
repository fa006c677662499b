package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.FilterReply;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class ConsoleLoggingTest {

    @Test
    void logbackFindsItAsAService() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(ServiceLoader.Provider::type))
                .contains(ConsoleLogging.class);
    }

    @Test
    void logsInfoToStderrAndLibrariesOnlyFromWarnings() {
        LoggerContext context = new LoggerContext();
        assertThat(new ConsoleLogging().configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        var root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class, stderr -> {
            assertThat(stderr.getTarget()).isEqualTo("System.err");
            assertThat(stderr.isStarted()).isTrue();
            var layout = ((ch.qos.logback.core.encoder.LayoutWrappingEncoder<?>) stderr.getEncoder()).getLayout();
            assertThat(layout).isInstanceOf(RedactingPatternLayout.class);
            assertThat(((RedactingPatternLayout) layout).getPattern()).isEqualTo(ConsoleLogging.PATTERN);
        });
        for (String library : new String[] {"org.apache.pekko", "org.elasticmq", "software.amazon.awssdk",
                "org.apache.http"}) {
            assertThat(context.getLogger(library + ".any").getEffectiveLevel()).as(library).isEqualTo(Level.WARN);
        }
        assertThat(context.getLogger("io.callbackconsole.any").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    @Test
    void stderrPrintsFromTheLevelTheSystemPropertyNames() {
        System.setProperty(ConsoleLogging.STDERR_LEVEL, "WARN");
        try {
            LoggerContext context = new LoggerContext();
            new ConsoleLogging().configure(context);
            var stderr = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
            assertThat(stderr.getFilterChainDecision(event(context, Level.INFO))).isEqualTo(FilterReply.DENY);
            assertThat(stderr.getFilterChainDecision(event(context, Level.WARN))).isEqualTo(FilterReply.NEUTRAL);
        } finally {
            System.clearProperty(ConsoleLogging.STDERR_LEVEL);
        }
        LoggerContext context = new LoggerContext();
        new ConsoleLogging().configure(context);
        assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")
                .getFilterChainDecision(event(context, Level.INFO))).isEqualTo(FilterReply.NEUTRAL);
    }

    private static LoggingEvent event(LoggerContext context, Level level) {
        return new LoggingEvent(ConsoleLoggingTest.class.getName(), context.getLogger("io.callbackconsole.any"), level,
                "a line", null, null);
    }

    @Test
    void aConfigurationFileNamedOnTheCommandLineStillWins() {
        System.setProperty("logback.configurationFile", "elsewhere.xml");
        try {
            LoggerContext context = new LoggerContext();
            assertThat(new ConsoleLogging().configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
        } finally {
            System.clearProperty("logback.configurationFile");
        }
    }
}
