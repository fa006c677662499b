package io.callbackconsole.triage;

import io.callbackconsole.aws.AwsClientFactory;
import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.CallerIdentityLookup;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.SageMakerCallbackGateway;
import io.callbackconsole.aws.SqsCallbackInbox;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.history.Attribution;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.history.HistoryStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One connection's worth of console: the clients, the poller, the submitter and the history, opened together and
 * closed together. The GUI and the command line both work through it. Its blocking methods run on the caller's
 * thread, so callers on the FX thread hand them to a background executor.
 */
public final class ConsoleSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleSession.class);

    private final ConnectionSettings connection;
    private final HistoryStore history;
    private final CallbackPoller poller;
    private final FailureSubmitter submitter;
    private final List<AutoCloseable> resources;

    private ConsoleSession(ConnectionSettings connection, HistoryStore history, CallbackPoller poller,
                           FailureSubmitter submitter, List<AutoCloseable> resources) {
        this.connection = connection;
        this.history = history;
        this.poller = poller;
        this.submitter = submitter;
        this.resources = resources;
    }

    /**
     * Opens the history and the AWS clients for a connection. Polling starts with {@link #start()}.
     *
     * @param alsoClose closed after everything else when the session closes (a sandbox it runs on, for instance)
     */
    public static ConsoleSession open(ConnectionSettings requested, Path historyFile, String consoleVersion,
                                      CallbackPoller.PollerSettings pollerSettings, AutoCloseable... alsoClose) {
        List<AutoCloseable> resources = new ArrayList<>();
        HistoryStore history = HistoryStore.open(historyFile, consoleVersion);
        resources.add(history);
        try {
            AwsClientFactory clients = AwsClientFactory.create(requested);
            resources.add(0, clients);
            // The region may come from the profile or the environment; name it in labels and the history.
            ConnectionSettings connection = requested.withRegion(clients.region().id());
            // Who acts, for every history row: asked once per connection.
            history.attributeTo(new Attribution(Operator.current(), CallerIdentityLookup.fetch(clients).orElse(null),
                    connection.profile(), connection.region()));
            SqsClient sqs = clients.sqs();
            resources.add(0, sqs);
            SageMakerClient sageMaker = clients.sageMaker();
            resources.add(0, sageMaker);
            Clock clock = Clock.systemUTC();
            AwsErrorExplainer explainer = new AwsErrorExplainer(connection.profile());
            SqsCallbackInbox inbox = new SqsCallbackInbox(sqs);
            PendingCallbackSet callbacks = new PendingCallbackSet();
            CallbackPoller poller = new CallbackPoller(inbox, new CallbackMessageParser(), explainer, callbacks,
                    connection.queueUrls(), pollerSettings, clock);
            // The poller goes first on close so it can release held messages while the SQS client is still open.
            resources.add(0, poller);
            FailureSubmitter submitter = new FailureSubmitter(callbacks, history,
                    new SageMakerCallbackGateway(sageMaker, explainer), inbox, explainer, Operator.current(), connection.label(),
                    clock);
            resources.addAll(List.of(alsoClose));
            return new ConsoleSession(connection, history, poller, submitter, resources);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    public void addSnapshotListener(Consumer<PendingSnapshot> listener) {
        poller.addListener(listener);
    }

    public void start() {
        poller.start();
    }

    /** Polls at once instead of waiting for the next tick. */
    public void refresh() {
        poller.pollNow();
    }

    /** Blocking: journal, call SageMaker, journal, delete. Publishes a snapshot afterwards. */
    public SubmissionResult submitFailure(CallbackToken token, FailureReason reason) {
        SubmissionResult result = submitter.submit(token, reason);
        poller.publish();
        return result;
    }

    /** Blocking: the newest decisions with their latest outcome. */
    public List<HistoryEntry> recentHistory(int limit) {
        return history.recentSubmissions(limit);
    }

    public ConnectionSettings connection() {
        return connection;
    }

    public Path historyFile() {
        return history.databaseFile();
    }

    public PollState pollState() {
        return poller.state();
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("Closing {} failed: {}", resource.getClass().getSimpleName(), e.getMessage());
            }
        }
    }
}
