package io.callbackconsole.cli;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.triage.CallbackPoller;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

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

    @Option(names = "--visibility-timeout", paramLabel = "SECONDS", description = "How long a received message stays hidden from other consumers while this console holds it. Default: ${DEFAULT-VALUE}.")
    int visibilityTimeoutSeconds = 300;

    @Option(names = "--peek", description = "Hold no SQS message: hand each one back right after reading it, for queues another consumer also reads. Each poll still raises the messages' receive counts.")
    boolean peek;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Keep settings and the history here (also: environment variable CALLBACK_CONSOLE_HOME).")
    Path dataDir;

    public Path dataDir() {
        return dataDir;
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

    private boolean anyConnectionFlag() {
        return profile != null || region != null || !queues.isEmpty() || sqsEndpoint != null
                || sageMakerEndpoint != null || stsEndpoint != null;
    }

    /**
     * The connection to open: {@code --sandbox}; else the saved connection with any flag given overriding its value;
     * else, with flags, a connection from the flags alone; else the sandbox.
     */
    public ConnectionSettings resolve(Optional<ConnectionSettings> saved) {
        ConnectionSettings sandboxConnection = ConnectionSettings.sandboxToStart();
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
                stsEndpoint != null ? stsEndpoint : base.stsEndpoint());
    }
}
