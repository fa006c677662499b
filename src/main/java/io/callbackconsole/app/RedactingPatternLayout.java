package io.callbackconsole.app;

import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Context;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.nio.charset.StandardCharsets;

/**
 * A pattern layout whose every line, message, arguments and stack trace included, goes through {@link LogRedaction}
 * whatever its level: the SDK's DEBUG loggers print signed headers, session tokens among them.
 */
final class RedactingPatternLayout extends PatternLayout {
    /** An encoder (UTF-8) that lays events out with this pattern, redacted; started. */
    static LayoutWrappingEncoder<ILoggingEvent> encoder(Context context, String pattern) {
        RedactingPatternLayout layout = new RedactingPatternLayout();
        layout.setContext(context);
        layout.setPattern(pattern);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.setLayout(layout);
        encoder.start();
        return encoder;
    }

    @Override
    public String doLayout(ILoggingEvent event) {
        return LogRedaction.redact(super.doLayout(event));
    }
}
