package io.callbackconsole.triage;

import io.callbackconsole.aws.AccountAliasLookup;
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
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.history.Attribution;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.history.HistoryStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One connection's worth of console: the clients, the poller, the decision protocol and the history, opened together and
 * closed together. The GUI and the command line both work through it. Its blocking methods run on the caller's
 * thread, so callers on the FX thread hand them to a background executor.
 */
public final class ConsoleSession implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConsoleSession.class);

    private final ConnectionSettings connection;
    /** The connection every decision of this session belongs to, and the only one it sends or recovers. */
    private final ConnectionId connectionId;
    /** Who STS says acts on this connection, or why it said nothing. */
    private final CallerIdentityLookup.Answer identity;
    private final HistoryStore history;
    private final CallbackPoller poller;
    private final DecisionProtocol protocol;
    private final SubmissionRecovery recovery;
    private final UnknownOutcomeRetries retries;
    private final SageMakerSide sageMakerSide;
    private final SessionResources resources;
    private final List<Consumer<SubmissionResult>> retryListeners;
    /** Asked for the account alias once, on first use; closed with the session's resources. */
    private final AwsClientFactory clients;
    private Optional<String> accountAlias;

    /** What the session asks SageMaker besides submitting: context, discovery. */
    private record SageMakerSide(PendingCallbackSet callbacks, SageMakerPipelineReader reader,
                                 ExecutionContextCache contexts, WaitingCallbackDiscovery discovery, Operator operator) {
    }

    private ConsoleSession(ConnectionSettings connection, ConnectionId connectionId,
                           CallerIdentityLookup.Answer identity, HistoryStore history, CallbackPoller poller,
                           DecisionProtocol protocol, UnknownOutcomeRetries retries, SageMakerSide sageMakerSide,
                           SessionResources resources, List<Consumer<SubmissionResult>> retryListeners,
                           AwsClientFactory clients) {
        this.connection = connection;
        this.connectionId = connectionId;
        this.identity = identity;
        this.history = history;
        this.poller = poller;
        this.protocol = protocol;
        this.recovery = new SubmissionRecovery(protocol, CircuitBreaker.DEFAULT_LIMIT);
        this.retries = retries;
        this.sageMakerSide = sageMakerSide;
        this.resources = resources;
        this.retryListeners = retryListeners;
        this.clients = clients;
    }

    /**
     * Opens the history and the AWS clients for a connection and takes up the decisions left unsettled on it.
     * Polling starts with {@link #start()}. Everything is closed in the reverse order it is opened here.
     *
     * @param alsoClose closed after everything else when the session closes (a sandbox it runs on, for instance)
     */
    public static ConsoleSession open(ConnectionSettings requested, Path historyFile, String consoleVersion,
                                      CallbackPoller.PollerSettings pollerSettings, AutoCloseable... alsoClose) {
        return open(requested, () -> HistoryStore.open(historyFile, consoleVersion), pollerSettings, alsoClose);
    }

    /**
     * As {@link #open(ConnectionSettings, Path, String, CallbackPoller.PollerSettings, AutoCloseable...)}, on the
     * history the opener opens (a team history, {@link HistoryStore#openTeam}); the session closes it.
     */
    public static ConsoleSession open(ConnectionSettings requested, java.util.function.Supplier<HistoryStore> historyOpener,
                                      CallbackPoller.PollerSettings pollerSettings, AutoCloseable... alsoClose) {
        SessionResources resources = new SessionResources();
        try {
            for (int i = alsoClose.length - 1; i >= 0; i--) {
                resources.opened(alsoClose[i]);
            }
            HistoryStore history = resources.opened(historyOpener.get());
            AwsClientFactory clients = resources.opened(AwsClientFactory.create(requested));
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
            SageMakerSide sageMakerSide = new SageMakerSide(callbacks, reader, contexts,
                    new WaitingCallbackDiscovery(reader, explainer, callbacks, 4, clock), operator);
            return new ConsoleSession(connection, connectionId, identity, history, poller, protocol, retries,
                    sageMakerSide, resources, retryListeners, clients);
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

    /** Each snapshot also says which unanswered decisions are retried in the background, and when next. */
    public void addSnapshotListener(Consumer<PendingSnapshot> listener) {
        poller.addListener(snapshot -> listener.accept(snapshot.withRetries(retries.schedules())));
    }

    public void start() {
        poller.start();
    }

    /** Polls at once instead of waiting for the next tick. */
    public void refresh() {
        sageMakerSide.contexts().expireAll();
        poller.pollNow();
    }

    /**
     * Blocking: journal, call SageMaker, journal, delete. Publishes a snapshot afterwards. A token known to be stale
     * is not sent: it can only be dismissed.
     */
    public SubmissionResult submitFailure(CallbackToken token, FailureReason reason) {
        SubmissionResult stale = staleRefusal(token);
        if (stale != null) {
            return stale;
        }
        SubmissionResult result = protocol.decide(token, new Decision.FailStep(reason), true);
        retryIfUnknown(token, result);
        afterDecision(token);
        return result;
    }

    /**
     * Blocking: fails many steps with one reason through the bulk pipeline ({@link BulkSubmission}): every decision is
     * journaled (durably, many per commit) before it is sent, at most {@code concurrency} calls are in flight, and a
     * token's messages are deleted once its outcome is durable. A stale token is not sent. Cancelling stops
     * journaling; decisions journaled already (at most {@code concurrency ×} {@value BulkSubmission#LOOK_AHEAD_PER_SENDER})
     * are still sent. One snapshot is published at the end, not one per token.
     */
    public BulkSubmission.Summary submitFailures(List<CallbackToken> tokens, FailureReason reason, int concurrency,
                                                 Consumer<BulkSubmission.RowOutcome> progress,
                                                 BooleanSupplier cancelled) {
        BulkSubmission bulk = new BulkSubmission(protocol, reason, concurrency, CircuitBreaker.DEFAULT_LIMIT,
                this::staleRefusal, outcome -> {
            if (outcome.sent() && outcome.result().submission() != null
                    && outcome.result().submission().executionArn() != null) {
                // The decision changed the execution: look it up again on the next tick.
                sageMakerSide.contexts().expire(outcome.result().submission().executionArn());
            }
            if (outcome.sent()) {
                retryIfUnknown(outcome.token(), outcome.result());
            }
        });
        try {
            return bulk.run(tokens, progress, cancelled);
        } finally {
            poller.publish();
        }
    }

    /**
     * Why a token must not be sent because its step no longer waits, or null. A token with an unsettled decision is
     * left to the protocol, which repeats that decision and refuses any other.
     */
    private SubmissionResult staleRefusal(CallbackToken token) {
        if (protocol.unsettled(token)) {
            // Its own unsettled decision may be why the step no longer waits: the protocol repeats that one only.
            return null;
        }
        String stale = staleReason(token);
        return stale == null ? null : DecisionResults.noLongerAnswerable(token, stale);
    }

    /** Blocking: approves the step with these output parameters (SendPipelineExecutionStepSuccess), journaled. */
    public SubmissionResult approve(CallbackToken token, OutputParameters outputs) {
        SubmissionResult stale = staleRefusal(token);
        if (stale != null) {
            return stale;
        }
        if (contextOf(token).stopRequested()) {
            return DecisionResults.executionStopping(token);
        }
        SubmissionResult result = protocol.decide(token, new Decision.ApproveStep(outputs), true);
        retryIfUnknown(token, result);
        afterDecision(token);
        return result;
    }

    /** Before the snapshot that follows a decision, so that snapshot already shows its retry. */
    private void retryIfUnknown(CallbackToken token, SubmissionResult result) {
        if (protocol.unsettled(token) && result.submission() != null) {
            retries.follow(token);
        }
    }

    /** Told of each background retry's result (on the retry thread): an unanswered decision settled or not yet. */
    public void addRetryListener(Consumer<SubmissionResult> listener) {
        retryListeners.add(listener);
    }

    /** True while an unanswered decision on this token is retried in the background (no I/O). */
    public boolean retrying(CallbackToken token) {
        return retries.retrying(token);
    }

    /**
     * Blocking: stops retrying the unanswered decision on this token and records that in the history (an UNKNOWN
     * outcome with error code GaveUp): whether SageMaker applied it stays unknown. The row stays.
     */
    public SubmissionResult giveUp(CallbackToken token) {
        retries.stop(token);
        SubmissionResult result = protocol.giveUp(token);
        if (result.status() == SubmissionResult.Status.NOT_JOURNALED) {
            retries.follow(token); // not on record, so not given up
        }
        poller.publish();
        return result;
    }

    /** How long background retries of unanswered decisions wait: {@code first}, doubling up to {@code longest}. */
    public void retryUnknownOutcomes(Duration first, Duration longest) {
        retries.backoff(new UnknownOutcomeRetries.Backoff(first, longest));
    }

    /** As {@link #retryUnknownOutcomes(Duration, Duration)}, giving up {@code giveUpAfter} after the first send. */
    public void retryUnknownOutcomes(Duration first, Duration longest, Duration giveUpAfter) {
        retries.backoff(new UnknownOutcomeRetries.Backoff(first, longest, giveUpAfter));
    }

    /** Blocking: records the dismissal of a stale token and deletes its SQS messages; SageMaker is not called. */
    public SubmissionResult dismiss(CallbackToken token, String why) {
        SubmissionResult result = protocol.dismiss(token, why);
        poller.publish();
        return result;
    }

    /**
     * Blocking: hands the token's SQS messages back to their queue so another console can take it; the row goes away
     * until a poll receives it again. Nothing is recorded: no decision was made.
     */
    public SubmissionResult release(CallbackToken token) {
        String problem = poller.release(token);
        return problem == null ? DecisionResults.released(token) : DecisionResults.notReleased(token, problem);
    }

    /** True when the session holds no SQS message between polls (peek): other consumers see every message. */
    public boolean peeking() {
        return poller.peeking();
    }

    /** Blocking: polls every queue once (without the schedule) and returns the result. */
    public PendingSnapshot pollOnce() {
        return poller.pollOnce();
    }

    /** Blocking: like {@link #submitFailure}, but also for a token whose message this session does not hold. */
    public SubmissionResult submitFailureByToken(CallbackToken token, FailureReason reason) {
        SubmissionResult result = protocol.decide(token, new Decision.FailStep(reason), false);
        retryIfUnknown(token, result);
        afterDecision(token);
        return result;
    }

    /** Blocking: decisions a crash or a lost answer left without a known outcome. */
    public List<Submission> unsettledSubmissions() {
        return recovery.unsettled();
    }

    /**
     * Blocking: repeats each unsettled decision with its own client request token and journals the answers, telling
     * {@code each} as it goes; decisions still without an answer are retried in the background afterwards.
     */
    public SubmissionRecovery.Run recoverUnsettled(Consumer<SubmissionRecovery.Recovered> each) {
        SubmissionRecovery.Run run = recovery.recoverAll(each);
        run.recovered().stream().filter(r -> r.result().status() == SubmissionResult.Status.ACCEPTED)
                .forEach(r -> protocol.forgetAnswered(r.submission().token()));
        protocol.unsettledTokens().forEach(retries::follow);
        poller.publish();
        return run;
    }

    /** Blocking: as {@link #recoverUnsettled(Consumer)}, all at once. */
    public List<SubmissionRecovery.Recovered> recoverUnsettled() {
        return recoverUnsettled(recovered -> { }).recovered();
    }

    /** The reason an operator acknowledging a stop sends by default; editable before it is sent. */
    public String defaultStopReason() {
        return "Stop acknowledged by " + sageMakerSide.operator().name() + " in Callback Console";
    }

    /** What SageMaker last said about a pending token (from the cache; no I/O). */
    public CallbackContext contextOf(CallbackToken token) {
        return sageMakerSide.callbacks().get(token)
                .map(p -> sageMakerSide.contexts().contextsFor(List.of(p)).get(token))
                .orElse(CallbackContext.notLookedUp());
    }

    private String staleReason(CallbackToken token) {
        CallbackContext context = contextOf(token);
        return context.stale() ? context.staleReason() : null;
    }

    private void afterDecision(CallbackToken token) {
        // The decision changed the execution: look it up again on the next tick.
        sageMakerSide.callbacks().get(token).ifPresent(p -> sageMakerSide.contexts().expire(p.executionArn()));
        poller.publish();
    }

    /**
     * Blocking: scans SageMaker for waiting callback steps created within {@code window}; tokens never seen on SQS
     * join the pending set, and a poll follows so they get their context.
     */
    public WaitingCallbackDiscovery.Result findWaitingCallbacks(Duration window,
                                                               Consumer<WaitingCallbackDiscovery.Progress> progress,
                                                               BooleanSupplier cancelled) {
        WaitingCallbackDiscovery.Result result = sageMakerSide.discovery().scan(window, progress, cancelled);
        poller.publish();
        poller.pollNow();
        return result;
    }

    /** Blocking: the queues the pipelines' callback steps send to, from their definitions. */
    public List<String> discoverQueueUrls() {
        return CallbackQueueDiscovery.queueUrls(sageMakerSide.reader());
    }

    /** Blocking: the newest decisions with their latest outcome. */
    public List<HistoryEntry> recentHistory(int limit) {
        return history.recentSubmissions(limit);
    }

    /** The identity this session's decisions are journaled under, and the only one it sends or recovers. */
    public ConnectionId connectionId() {
        return connectionId;
    }

    /**
     * Blocking: decisions journaled on other connections that are unsettled; they are never sent from here, only
     * listed ("N decisions made on X are unsettled: connect to it to settle them").
     */
    public List<HistoryStore.UnsettledElsewhere> unsettledElsewhere() {
        return history.unsettledElsewhere(connectionId);
    }

    /**
     * Blocking: refuses a bulk run of {@code decisions} whose journal would not fit on the history's disk, before
     * anything is journaled or sent.
     */
    public void ensureHistoryRoomFor(int decisions) {
        history.ensureRoomFor(decisions);
    }

    /** The AWS principal this session acts as; empty for the sandbox's fixed one only if STS failed. */
    public Optional<CallerIdentity> callerIdentity() {
        return identity.known();
    }

    /**
     * Blocking, for at most {@link AccountAliasLookup#DEADLINE} and only the first time: the account's alias as IAM
     * gives it, or empty when it gives none (not set, not allowed, no answer). Never fails: the alias is only shown.
     */
    public synchronized Optional<String> accountAlias() {
        if (accountAlias == null) {
            accountAlias = AccountAliasLookup.lookUp(clients);
        }
        return accountAlias;
    }

    /**
     * Why the caller identity is unknown, or empty when it is known: decisions are then recorded without the AWS
     * principal, and the connection is known by its label instead of its account.
     */
    public Optional<String> identityProblem() {
        return Optional.ofNullable(identity.problem());
    }

    public ConnectionSettings connection() {
        return connection;
    }

    /** The history file; null for a team history (see {@link #historyLocation()}). */
    public Path historyFile() {
        return history.databaseFile();
    }

    /** Where the session's history is: the file, or the team history's URL without secrets. */
    public String historyLocation() {
        return history.location();
    }

    /** The team history role's privileges when it could rewrite history (a warning to show); else empty. */
    public Optional<io.callbackconsole.history.TeamHistoryPrivileges> teamHistoryPrivileges() {
        return history.teamPrivileges();
    }

    public PollState pollState() {
        return poller.state();
    }

    @Override
    public void close() {
        resources.close();
    }
}
