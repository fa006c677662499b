package io.callbackconsole.cli;

import io.callbackconsole.aws.CallDeadline;
import io.callbackconsole.aws.ClientTuning;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.history.TeamHistoryLocation;
import io.callbackconsole.triage.CallbackPoller;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** The connection flags every command shares. Flags win over the saved settings; nothing saved means the sandbox. */
public final class ConnectionOptions {
    @Option(names = "--sandbox")
    boolean sandbox;

    @Option(names = "--profile", paramLabel = "PROFILE")
    String profile;

    @Option(names = "--region", paramLabel = "REGION")
    String region;

    @Option(names = "--queue", paramLabel = "URL")
    List<String> queues = new ArrayList<>();

    @Option(names = "--endpoint-sqs", paramLabel = "URL")
    URI sqsEndpoint;

    @Option(names = "--endpoint-sagemaker", paramLabel = "URL")
    URI sageMakerEndpoint;

    @Option(names = "--endpoint-sts", paramLabel = "URL")
    URI stsEndpoint;

    @Option(names = "--endpoint-iam", paramLabel = "URL")
    URI iamEndpoint;

    @Option(names = "--visibility-timeout", paramLabel = "SECONDS")
    int visibilityTimeoutSeconds = 300;

    @Option(names = "--peek")
    boolean peek;

    @Option(names = "--call-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationFlag.class)
    Duration callTimeout = ClientTuning.SAGEMAKER_DEFAULT.perAttempt();

    @Option(names = "--call-attempts", paramLabel = "N", defaultValue = "3")
    int callAttempts = ClientTuning.SAGEMAKER_DEFAULT.attempts();

    @Option(names = "--sqs-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationFlag.class)
    Duration sqsTimeout = ClientTuning.SQS_DEFAULT.perAttempt();

    @Option(names = "--identity-timeout", paramLabel = "DURATION", defaultValue = "3s", converter = DurationFlag.class)
    Duration identityTimeout = ClientTuning.STS_DEFAULT.perAttempt();

    @Option(names = "--mfa-code", paramLabel = "CODE")
    String mfaCode;

    @Option(names = "--data-dir", paramLabel = "DIR")
    Path dataDir;

    @Option(names = "--history", paramLabel = "URL")
    String history;

    public Path dataDir() {
        return dataDir;
    }

    /**
     * The team history {@code --history} names; empty for the data directory's file.
     *
     * @throws CommandFailure {@link ExitCodes#BAD_INPUT} for a URL that is not one, carries a password, or with
     *                        {@code --sandbox}
     */
    public Optional<TeamHistoryLocation> teamHistory() {
        if (history == null) {
            return Optional.empty();
        }
        if (sandbox) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("connection.historyAndSandbox"));
        }
        try {
            return Optional.of(TeamHistoryLocation.parse(history));
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, e.getMessage());
        }
    }

    /** The MFA code given on the command line, if any. Never logged, never saved. */
    public Optional<String> mfaCode() {
        return Optional.ofNullable(mfaCode).map(String::strip).filter(c -> !c.isEmpty());
    }

    /** How polling holds messages: the visibility timeout given, the other values as the console's defaults. */
    public CallbackPoller.PollerSettings pollerSettings() {
        if (visibilityTimeoutSeconds < 0 || visibilityTimeoutSeconds > 43_200) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("connection.visibilityTimeout"));
        }
        CallbackPoller.PollerSettings defaults = CallbackPoller.PollerSettings.defaults();
        return new CallbackPoller.PollerSettings(Duration.ofSeconds(visibilityTimeoutSeconds), defaults.interval(),
                defaults.waitSeconds(), peek);
    }

    /** The deadlines the flags give, for every client of the connection; the defaults are {@link ClientTuning#DEFAULT}. */
    public ClientTuning clientTuning() {
        if (callAttempts < 1 || callAttempts > 10) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("connection.callAttempts"));
        }
        return ClientTuning.DEFAULT.withDeadlines(
                CallDeadline.of(checked("--call-timeout", callTimeout), callAttempts),
                CallDeadline.of(checked("--sqs-timeout", sqsTimeout), ClientTuning.SQS_DEFAULT.attempts()),
                CallDeadline.of(checked("--identity-timeout", identityTimeout), ClientTuning.STS_DEFAULT.attempts()));
    }

    private static Duration checked(String flag, Duration value) {
        if (value.compareTo(MIN_TIMEOUT) < 0 || value.compareTo(MAX_TIMEOUT) > 0) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("connection.timeout", flag,
                    CallDeadline.seconds(value)));
        }
        return value;
    }

    private static final Duration MIN_TIMEOUT = Duration.ofMillis(100);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    /** "10s", "1500ms", "2m", "2.5s"; a bare number is seconds. */
    public static final class DurationFlag implements ITypeConverter<Duration> {
        private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m)?");

        @Override
        public Duration convert(String value) {
            Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new TypeConversionException(TerminalWords.text("connection.notADuration", value));
            }
            BigDecimal amount = new BigDecimal(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            BigDecimal millis = switch (unit) {
                case "ms" -> amount;
                case "m" -> amount.multiply(BigDecimal.valueOf(60_000));
                default -> amount.multiply(BigDecimal.valueOf(1000));
            };
            return Duration.ofMillis(millis.longValue());
        }
    }

    private boolean anyConnectionFlag() {
        return profile != null || region != null || !queues.isEmpty() || sqsEndpoint != null
                || sageMakerEndpoint != null || stsEndpoint != null || iamEndpoint != null;
    }

    /**
     * The connection to open: {@code --sandbox}; else the saved connection with any flag given overriding its value;
     * else, with flags, a connection from the flags alone; else the sandbox. It carries the deadlines of the flags.
     */
    public ConnectionSettings resolve(Optional<ConnectionSettings> saved) {
        ConnectionSettings sandboxConnection = ConnectionSettings.sandboxToStart().withTuning(clientTuning());
        if (sandbox) {
            return sandboxConnection;
        }
        if (saved.isEmpty() && !anyConnectionFlag()) {
            return sandboxConnection;
        }
        ConnectionSettings base = saved.orElse(new ConnectionSettings(false, null, null, List.of(), null, null, null));
        return new ConnectionSettings(false,
                profile != null ? profile : base.profile(),
                region != null ? region : base.region(),
                !queues.isEmpty() ? queues : base.queueUrls(),
                sqsEndpoint != null ? sqsEndpoint : base.sqsEndpoint(),
                sageMakerEndpoint != null ? sageMakerEndpoint : base.sageMakerEndpoint(),
                stsEndpoint != null ? stsEndpoint : base.stsEndpoint(),
                clientTuning()).withIamEndpoint(iamEndpoint != null ? iamEndpoint : base.iamEndpoint());
    }
}
