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
    @Option(names = "--sandbox", description = "Use the built-in sandbox (simulated SageMaker and SQS), even when a connection is saved.")
    boolean sandbox;

    @Option(names = "--profile", paramLabel = "PROFILE", description = "AWS profile from ~/.aws/config or ~/.aws/credentials (SSO profiles too). Default: the SDK's default credential chain.")
    String profile;

    @Option(names = "--region", paramLabel = "REGION", description = "AWS region, e.g. us-east-1. Default: the profile's or AWS_REGION.")
    String region;

    @Option(names = "--queue", paramLabel = "URL", description = "SQS queue URL to watch; repeat for several queues.")
    List<String> queues = new ArrayList<>();

    @Option(names = "--endpoint-sqs", paramLabel = "URL", description = "Send SQS calls to this endpoint instead of AWS.")
    URI sqsEndpoint;

    @Option(names = "--endpoint-sagemaker", paramLabel = "URL", description = "Send SageMaker calls to this endpoint instead of AWS.")
    URI sageMakerEndpoint;

    @Option(names = "--endpoint-sts", paramLabel = "URL", description = "Send STS calls to this endpoint instead of AWS.")
    URI stsEndpoint;

    @Option(names = "--endpoint-iam", paramLabel = "URL", description = "Ask this endpoint for the account alias "
            + "instead of AWS's IAM (only the alias is read there).")
    URI iamEndpoint;

    @Option(names = "--visibility-timeout", paramLabel = "SECONDS", description = "How long a received message stays hidden from other consumers while this console holds it. Default: ${DEFAULT-VALUE}.")
    int visibilityTimeoutSeconds = 300;

    @Option(names = "--peek", description = "Hold no SQS message: hand each one back right after reading it, for queues another consumer also reads. Each poll still raises the messages' receive counts.")
    boolean peek;

    @Option(names = "--call-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationFlag.class,
            description = "How long one attempt of a SageMaker call may wait for its answer, e.g. 10s or 1500ms. After "
                    + "the last attempt the outcome is unknown and is settled by recover. Default: ${DEFAULT-VALUE}.")
    Duration callTimeout = ClientTuning.SAGEMAKER_DEFAULT.perAttempt();

    @Option(names = "--call-attempts", paramLabel = "N", defaultValue = "3",
            description = "Attempts per SageMaker call, the first one included (1-10); a call gives up after about "
                    + "N × --call-timeout plus half of one for the back-offs. Default: ${DEFAULT-VALUE}.")
    int callAttempts = ClientTuning.SAGEMAKER_DEFAULT.attempts();

    @Option(names = "--sqs-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = DurationFlag.class,
            description = "How long one SQS call may wait for its answer; a receive may take its long-poll wait plus "
                    + "this. Default: ${DEFAULT-VALUE}.")
    Duration sqsTimeout = ClientTuning.SQS_DEFAULT.perAttempt();

    @Option(names = "--identity-timeout", paramLabel = "DURATION", defaultValue = "3s", converter = DurationFlag.class,
            description = "How long one attempt of the STS caller-identity look-up may take (2 attempts); without an "
                    + "answer the connection opens and history rows do not name the AWS identity. Default: "
                    + "${DEFAULT-VALUE}.")
    Duration identityTimeout = ClientTuning.STS_DEFAULT.perAttempt();

    @Option(names = "--mfa-code", paramLabel = "CODE", description = "The 6-digit code of the MFA device, for a profile "
            + "that assumes its role with mfa_serial and has no valid session. Without it, a terminal is asked.")
    String mfaCode;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep settings and the history here (also: environment variable CALLBACK_CONSOLE_HOME).")
    Path dataDir;

    @Option(names = "--history", paramLabel = "URL", description = "Journal in a team history on PostgreSQL instead of"
            + " the data directory's file: postgresql://ROLE@HOST:PORT/DB?sslmode=verify-full or"
            + " jdbc:postgresql://…. The password comes from ~/.pgpass, PGPASSFILE or PGPASSWORD, never the URL."
            + " The sandbox keeps its own file.")
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
            throw new CommandFailure(ExitCodes.BAD_INPUT, "--history and --sandbox do not go together: the sandbox"
                    + " keeps its own history, apart from the team's. Leave one of them out.");
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
            throw new CommandFailure(ExitCodes.BAD_INPUT, "--visibility-timeout takes 0 to 43200 seconds (12 hours).");
        }
        CallbackPoller.PollerSettings defaults = CallbackPoller.PollerSettings.defaults();
        return new CallbackPoller.PollerSettings(Duration.ofSeconds(visibilityTimeoutSeconds), defaults.interval(),
                defaults.waitSeconds(), peek);
    }

    /** The deadlines the flags give, for every client of the connection; the defaults are {@link ClientTuning#DEFAULT}. */
    public ClientTuning clientTuning() {
        if (callAttempts < 1 || callAttempts > 10) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, "--call-attempts takes 1 to 10 attempts.");
        }
        return ClientTuning.DEFAULT.withDeadlines(
                CallDeadline.of(checked("--call-timeout", callTimeout), callAttempts),
                CallDeadline.of(checked("--sqs-timeout", sqsTimeout), ClientTuning.SQS_DEFAULT.attempts()),
                CallDeadline.of(checked("--identity-timeout", identityTimeout), ClientTuning.STS_DEFAULT.attempts()));
    }

    private static Duration checked(String flag, Duration value) {
        if (value.compareTo(MIN_TIMEOUT) < 0 || value.compareTo(MAX_TIMEOUT) > 0) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, flag + " takes 100ms to 10m; got "
                    + CallDeadline.seconds(value) + ".");
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
                throw new TypeConversionException("'" + value + "' is not a duration; write it like 10s, 1500ms or 2m");
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
