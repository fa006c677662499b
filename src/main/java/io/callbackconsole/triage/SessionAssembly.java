package io.callbackconsole.triage;

import io.callbackconsole.aws.AwsClientFactory;
import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.CallerIdentityLookup;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.SageMakerCallbackGateway;
import io.callbackconsole.aws.SageMakerPipelineReader;
import io.callbackconsole.aws.SqsCallbackInbox;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.CallerIdentity;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.history.Attribution;
import io.callbackconsole.history.HistoryStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The composition root of one connection: opens its parts in the order they are declared here, each registered with
 * {@link SessionResources} as it opens so they close in reverse, and hands them to a {@link ConsoleSession}.
 */
final class SessionAssembly {
    private static final Logger log = LoggerFactory.getLogger(SessionAssembly.class);
    /** How often a team history is read for other consoles' rows without a notification (one may be lost). */
    static final Duration CATCH_UP_EVERY = Duration.ofSeconds(5);
    /** How long the team history's listener waits before it connects again after losing its connection. */
    static final Duration LISTEN_AGAIN_AFTER = Duration.ofSeconds(1);

    private SessionAssembly() {
    }

    /**
     * Opens the history, then takes the AWS clients for a connection from {@code clientsOpener} (made, or being made,
     * ahead by the launcher) and takes up the decisions left unsettled on it; on a failure, closes what it opened and
     * throws. {@code alsoClose} closes after everything else.
     */
    static ConsoleSession open(Supplier<AwsClientFactory> clientsOpener, Supplier<HistoryStore> historyOpener,
                               CallbackPoller.PollerSettings pollerSettings, AutoCloseable... alsoClose) {
        SessionResources resources = new SessionResources();
        try {
            for (int i = alsoClose.length - 1; i >= 0; i--) {
                resources.opened(alsoClose[i]);
            }
            HistoryStore history = resources.opened(historyOpener.get());
            AwsClientFactory clients = resources.opened(clientsOpener.get());
            ConnectionSettings requested = clients.settings();
            // The region may come from the profile or the environment; name it in labels and the history.
            ConnectionSettings connection = requested.withRegion(clients.region().id());
            Operator operator = Operator.current();
            // Who acts, for every history row: asked once per connection.
            CallerIdentityLookup.Answer identity = CallerIdentityLookup.lookUp(clients);
            CallerIdentity caller = identity.identity();
            history.attributeTo(new Attribution(operator, caller, connection.profile(), connection.region()));
            // The connection every decision of this session belongs to, and the only one it sends or recovers.
            ConnectionId connectionId = connectionId(connection, caller);
            SqsClient sqs = resources.opened(clients.sqs());
            SageMakerClient sageMaker = resources.opened(clients.sageMaker());
            Clock clock = Clock.systemUTC();
            AwsErrorExplainer explainer = new AwsErrorExplainer(connection.profile());
            SqsCallbackInbox inbox = new SqsCallbackInbox(sqs);
            PendingCallbackSet callbacks = new PendingCallbackSet();
            SageMakerPipelineReader reader = new SageMakerPipelineReader(sageMaker);
            ExecutionContextCache contexts = resources.opened(new ExecutionContextCache(reader, explainer,
                    ExecutionContextCache.Settings.defaults(), clock));
            // The journal names the step a decision answers, as far as SageMaker has told us.
            Function<CallbackToken, String> stepNames = token -> callbacks.get(token)
                    .map(p -> contexts.contextsFor(List.of(p)).get(token))
                    .map(CallbackContext::step).map(step -> step.stepName()).orElse(null);
            DecisionProtocol protocol = new DecisionProtocol(callbacks, history,
                    new SageMakerCallbackGateway(sageMaker, explainer), new AnsweredMessageDeletion(inbox, explainer),
                    new DecisionProtocol.Context(operator, connectionId, clock), stepNames);
            int unsettled = protocol.loadUnsettled();
            if (history.isTeamHistory()) {
                // What other consoles left unsettled before is taken up above; from here on their rows are followed.
                protocol.followOtherConsolesFromHead();
            }
            if (unsettled > 0) {
                log.info("{} decision(s) on {} are unsettled; each is repeated with its own request token",
                        unsettled, connectionId.describe());
            }
            // Opened after the contexts and before the retries: it closes before the SQS client, so it can still
            // hand held messages back, and after the retries stop.
            CallbackPoller poller = resources.opened(new CallbackPoller(inbox, new CallbackMessageParser(), explainer,
                    callbacks, token -> history.answered(token, connectionId), connection.queueUrls(),
                    pollerSettings, clock));
            poller.enrichWith(contexts);
            poller.recordLeftoversWith(protocol::recordLeftoverDeleted);
            List<Consumer<SubmissionResult>> retryListeners = new CopyOnWriteArrayList<>();
            UnknownOutcomeRetries retries = resources.opened(new UnknownOutcomeRetries(protocol, result -> {
                poller.publish();
                retryListeners.forEach(listener -> listener.accept(result));
            }));
            PendingFeed pending = new PendingFeed(poller, callbacks, contexts, retries,
                    protocol::beingDecidedElsewhere);
            // Opened after the poller, so it stops first: a wake-up publishes through the poller.
            List<Runnable> historyListeners = new CopyOnWriteArrayList<>();
            history.listenForChanges(head -> {
                if (protocol.catchUpWithOtherConsoles(head)) {
                    poller.publish();
                    historyListeners.forEach(Runnable::run);
                }
            }, CATCH_UP_EVERY, LISTEN_AGAIN_AFTER).ifPresent(resources::opened);
            return new ConsoleSession(connection, connectionId, new SessionIdentity(identity, clients), pending,
                    new SessionDecisions(protocol, retries, pending, history, operator, retryListeners),
                    new SessionRecovery(protocol, retries, pending, history, connectionId),
                    new SessionDiscovery(new WaitingCallbackDiscovery(reader, explainer, callbacks, 4, clock), reader,
                            pending),
                    new SessionHistory(history, historyListeners), poller::start, resources);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    /** The identity of a connection: the sandbox, or the account STS named, the region and the endpoint overrides. */
    private static ConnectionId connectionId(ConnectionSettings connection, CallerIdentity caller) {
        if (connection.sandbox()) {
            return ConnectionId.sandbox();
        }
        return ConnectionId.aws(caller == null ? null : caller.account(), connection.region(),
                ConnectionId.endpointOverrides(endpointMap(connection)), connection.label());
    }

    private static Map<String, URI> endpointMap(ConnectionSettings connection) {
        Map<String, URI> endpoints = new HashMap<>();
        endpoints.put("sagemaker", connection.sageMakerEndpoint());
        endpoints.put("sqs", connection.sqsEndpoint());
        endpoints.put("sts", connection.stsEndpoint());
        return endpoints;
    }
}
