package io.callbackconsole.triage;

import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.CallbackMessageParser;
import io.callbackconsole.aws.OperatorError;
import io.callbackconsole.aws.ParsedMessage;
import io.callbackconsole.aws.SqsCallbackInbox;
import io.callbackconsole.domain.CallbackMessage;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.QueueMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import io.callbackconsole.domain.PendingCallback;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the configured queues on one background thread and publishes one {@link PendingSnapshot} per tick to its
 * listeners, never one per message (and one more when the tick's context look-ups come back). A queue that cannot be
 * polled makes the snapshot say why; it never stops the poller, and a body that is not a callback message is
 * quarantined, never thrown. What happens to the messages it receives is delegated: {@link LeftoverMessages}
 * (answered tokens), {@link MessageLeases} (holding and handing back), {@link RedriveLimits} (dead-letter warnings).
 */
public final class CallbackPoller implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(CallbackPoller.class);
    /** At most this many receive calls per queue and tick, so one flooded queue cannot starve the others. */
    private static final int MAX_BATCHES_PER_QUEUE = 20;

    private final SqsCallbackInbox inbox;
    private final CallbackMessageParser parser;
    private final AwsErrorExplainer explainer;
    private final PendingCallbackSet callbacks;
    private final LeftoverMessages leftovers;
    private final MessageLeases leases;
    private final RedriveLimits redriveLimits;
    private final List<String> queueUrls;
    private final PollerSettings settings;
    private final Clock clock;
    private final List<Consumer<PendingSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "callback-poller");
        t.setDaemon(true);
        return t;
    });

    private volatile PollState state;
    /** Set by {@link #start()}: only the schedule goes on at once after a tick that left a backlog. */
    private volatile boolean scheduled;
    /** Set on the poller thread before its first receive. */
    private boolean receiveStarted;
    /** Looks pending tokens up in SageMaker each tick; null when there is no SageMaker to ask. */
    private volatile ExecutionContextCache contexts;

    /**
     * @param visibilityTimeout how long a received message stays hidden from other consumers while this console shows
     *                          it; extended in the background while the console holds it
     * @param interval          pause between two polls
     * @param waitSeconds       SQS long-poll wait of a tick's receives once none of its queues held a message (0–20)
     * @param peek              hold nothing: each message is handed back right after it is read, for queues another
     *                          consumer also reads (each poll still raises its receive count)
     */
    public record PollerSettings(Duration visibilityTimeout, Duration interval, int waitSeconds, boolean peek) {
        public PollerSettings(Duration visibilityTimeout, Duration interval, int waitSeconds) {
            this(visibilityTimeout, interval, waitSeconds, false);
        }

        public static PollerSettings defaults() {
            return new PollerSettings(Duration.ofMinutes(5), Duration.ofSeconds(2), 1);
        }

        public PollerSettings peeking(boolean newPeek) {
            return new PollerSettings(visibilityTimeout, interval, waitSeconds, newPeek);
        }
    }

    /** Peeking holds a message only while one poll reads the queue, so the drain does not read it twice. */
    static final Duration PEEK_READ_HOLD = Duration.ofSeconds(30);


    /**
     * @param alreadyAnswered whether the history holds an accepted decision on a token: its messages are leftovers
     *                        (SQS delivers at least once; a delete may have failed) and are deleted, not shown
     */
    public CallbackPoller(SqsCallbackInbox inbox, CallbackMessageParser parser, AwsErrorExplainer explainer,
                          PendingCallbackSet callbacks, Predicate<CallbackToken> alreadyAnswered,
                          List<String> queueUrls, PollerSettings settings, Clock clock) {
        this.inbox = Objects.requireNonNull(inbox);
        this.parser = Objects.requireNonNull(parser);
        this.explainer = Objects.requireNonNull(explainer);
        this.callbacks = Objects.requireNonNull(callbacks);
        this.leftovers = new LeftoverMessages(inbox, explainer, alreadyAnswered);
        this.queueUrls = List.copyOf(queueUrls);
        this.settings = Objects.requireNonNull(settings);
        this.clock = Objects.requireNonNull(clock);
        this.leases = new MessageLeases(inbox, callbacks, settings.visibilityTimeout(), clock);
        this.redriveLimits = new RedriveLimits(inbox, explainer);
        this.state = PollState.starting(this.queueUrls.size());
    }

    /**
     * Each tick then also refreshes the SageMaker context of the pending tokens, and snapshots carry it: the tick's
     * rows are published before the look-ups finish, their contexts in one snapshot after.
     */
    public void enrichWith(ExecutionContextCache cache) {
        this.contexts = cache;
    }

    /** Puts each leftover message deleted for an answered token on record (the history), not only in the log. */
    public void recordLeftoversWith(Consumer<CallbackMessage> recorder) {
        leftovers.recordWith(recorder);
    }

    public void addListener(Consumer<PendingSnapshot> listener) {
        listeners.add(listener);
    }

    public void start() {
        scheduled = true;
        thread.scheduleWithFixedDelay(this::tick, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Polls now, on the poller thread, in addition to the schedule (F5). */
    public void pollNow() {
        thread.execute(this::tick);
    }

    /**
     * Polls every queue once on the poller thread and returns the snapshot it published; blocking. For callers that do
     * not run the schedule, such as the command line.
     */
    public PendingSnapshot pollOnce() {
        try {
            thread.submit(this::tick).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while polling", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("polling failed: " + e.getCause().getMessage(), e.getCause());
        }
        return snapshotNow();
    }

    /** The pending set as it stands, with what the context cache knows of each token. */
    private PendingSnapshot snapshotNow() {
        PendingSnapshot snapshot = callbacks.snapshot(state, clock.instant())
                .withMaxReceiveCounts(redriveLimits.known());
        ExecutionContextCache cache = contexts;
        return cache == null ? snapshot : snapshot.withContexts(cache.contextsFor(snapshot.pending()));
    }

    /** Publishes the current state without polling, e.g. after a submission removed a token. */
    public void publish() {
        PendingSnapshot snapshot = snapshotNow();
        for (Consumer<PendingSnapshot> listener : listeners) {
            try {
                listener.accept(snapshot);
            } catch (RuntimeException e) {
                log.warn("A snapshot listener failed", e);
            }
        }
    }

    /**
     * One poll of every queue, then one snapshot, and one more when context look-ups it started bring their answers.
     * Package-private so tests can drive it without the schedule.
     */
    void tick() {
        if (queueUrls.isEmpty()) {
            state = PollState.starting(0);
            publishThenContexts();
            return;
        }
        Map<String, List<String>> queuesByProblem = new LinkedHashMap<>();
        List<QueueMessage> readNow = new ArrayList<>();
        Set<String> polled = new HashSet<>();
        // Every queue is asked without waiting first, and only when none held a message is each long-polled, so a
        // tick with nothing to read waits at SQS rather than in a sleep. Long-polling queue by queue made a tick sit
        // out the whole wait of each empty queue before showing what the others held (the sandbox's first rows came
        // 1.2 s after its first receive, one of its three queues being empty).
        Boolean backlog = pollEach(queueUrls, 0, readNow, polled, queuesByProblem);
        if (backlog != null && readNow.isEmpty() && settings.waitSeconds() > 0 && !thread.isShutdown()) {
            backlog = pollEach(queueUrls.stream().filter(polled::contains).toList(), settings.waitSeconds(), readNow,
                    polled, queuesByProblem);
        }
        if (backlog == null) {
            return; // close() interrupted the poll: nothing failed, and nothing more is to be published
        }
        // Queues that fail alike are named together: one sentence for an outage, not one per queue.
        StringBuilder problems = new StringBuilder();
        queuesByProblem.forEach((why, queues) -> problems.append(problems.length() > 0 ? " " : "")
                .append(String.join(", ", queues)).append(": ").append(why));
        if (settings.peek()) {
            leases.handBack(readNow, polled);
        } else if (!thread.isShutdown()) {
            leases.keep();
        }
        if (thread.isShutdown()) {
            // Closing: close() hands back what is held; nothing is published any more.
            return;
        }
        Instant now = clock.instant();
        state = problems.length() == 0
                ? new PollState(PollState.Phase.POLLING, queueUrls.size(), now, null)
                : new PollState(PollState.Phase.FAILING, queueUrls.size(), state.lastSuccess(), problems.toString(),
                        now.plus(settings.interval()));
        publishThenContexts();
        // Peeking hands back what it read, so going on at once would only read the same messages again.
        if (backlog && scheduled && !settings.peek() && !thread.isShutdown()) {
            // A queue had more than one tick's worth: go on at once rather than after the interval, so a backlog of
            // thousands drains at the speed of SQS, not at 200 messages per interval (still one snapshot per tick).
            try {
                thread.execute(this::tick);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                log.debug("Poller closed while a backlog remained");
            }
        }
    }

    /**
     * Publishes the rows at once, with the contexts the cache holds (a token whose execution is not looked up yet says
     * "looking up"), while the look-ups due run; then, once they are in (or the cache's wait is over), one more
     * snapshot with them. At most two snapshots a tick, the second only when a look-up brought something: a first poll
     * of many executions shows its rows without waiting on SageMaker, and the contexts follow together, not one
     * snapshot per execution.
     */
    private void publishThenContexts() {
        ExecutionContextCache cache = contexts;
        ExecutionContextCache.Lookups lookups = null;
        if (cache != null) {
            try {
                lookups = cache.lookUpDue(callbacks.executionArns());
            } catch (RuntimeException e) {
                log.warn("Refreshing the pipeline context failed", e);
            }
        }
        publish();
        if (lookups != null && !lookups.none() && lookups.awaitResults() && !thread.isShutdown()) {
            publish();
        }
    }

    /**
     * Drains each queue in turn, the first receive of each waiting up to {@code firstWait} seconds; a queue that fails
     * is named under its explanation in {@code problems}, one that worked added to {@code polled}.
     *
     * @return whether a queue may hold more than this tick read, or null when closing stopped the poll
     */
    private Boolean pollEach(List<String> queues, int firstWait, List<QueueMessage> readNow, Set<String> polled,
                             Map<String, List<String>> problems) {
        boolean backlog = false;
        for (String queueUrl : queues) {
            if (thread.isShutdown()) {
                break; // closing: nothing more is read
            }
            try {
                backlog |= drain(queueUrl, firstWait, readNow);
                polled.add(queueUrl);
                if (!thread.isShutdown()) {
                    redriveLimits.readOnce(queueUrl);
                }
            } catch (RuntimeException e) {
                if (thread.isShutdown()) {
                    log.debug("Poll of {} stopped by closing the poller", queueUrl);
                    return null;
                }
                OperatorError error = explainer.explainRead(e);
                log.warn("Cannot poll {}: {} ({})", queueUrl, error.code(), error.serviceMessage());
                problems.computeIfAbsent(error.explanation(), why -> new ArrayList<>()).add(queueName(queueUrl));
            }
        }
        return backlog;
    }

    /** @return true when the queue may hold more: the tick stopped at its batch limit, not at an empty receive */
    private boolean drain(String queueUrl, int firstWait, List<QueueMessage> readNow) {
        Duration hold = settings.peek() ? PEEK_READ_HOLD : settings.visibilityTimeout();
        for (int batch = 0; batch < MAX_BATCHES_PER_QUEUE; batch++) {
            // Long-poll only the first receive; later ones just empty what is already there.
            int wait = batch == 0 ? firstWait : 0;
            // Taken before the call, so the lease is never believed to last longer than it does.
            Instant leasedUntil = clock.instant().plus(hold);
            if (!receiveStarted) {
                receiveStarted = true;
                // What start-up is measured by (packaging/measure-startup.sh): the launch until SQS is first asked.
                log.info("First receive started {} ms after the JVM started",
                        java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime());
            }
            List<QueueMessage> received = inbox.receive(queueUrl, hold, wait);
            for (QueueMessage message : received) {
                ParsedMessage parsed = parser.parse(message.body());
                if (parsed instanceof ParsedMessage.Valid valid
                        && leftovers.deletedIfLeftover(valid.message(), message)) {
                    continue;
                }
                leases.leased(message, leasedUntil);
                readNow.add(message);
                if (parsed instanceof ParsedMessage.Valid valid) {
                    callbacks.accept(valid.message(), message);
                } else if (parsed instanceof ParsedMessage.Invalid invalid) {
                    log.info("Quarantined message {} from {}: {}", message.messageId(), queueUrl, invalid.reason());
                    callbacks.quarantine(message, invalid.reason());
                }
            }
            if (received.size() < 10 || thread.isShutdown()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hands a token's messages back to SQS so another console (or this one, on a later poll) receives them, and stops
     * showing it until then. Blocking; runs on the poller thread so it cannot race a lease extension.
     *
     * @return why some messages could not be handed back (they reappear when their lease runs out), or null
     */
    public String release(CallbackToken token) {
        String problem;
        try {
            problem = thread.submit(() -> {
                PendingCallback held = callbacks.remove(token).orElse(null);
                if (held == null || held.messages().isEmpty()) {
                    return null;
                }
                leases.forget(held.messages());
                // Views stop showing the row before another console can receive its message.
                publish();
                Map<QueueMessage, String> failed = inbox.releaseAll(held.messages());
                return failed.isEmpty() ? null : failed.values().iterator().next();
            }).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while releasing " + token, e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("releasing " + token + " failed: " + e.getCause().getMessage(),
                    e.getCause());
        }
        return problem;
    }

    /** True when this console holds no message between polls (the peek setting). */
    public boolean peeking() {
        return settings.peek();
    }

    public PollState state() {
        return state;
    }

    public List<String> queueUrls() {
        return queueUrls;
    }

    static String queueName(String queueUrl) {
        int slash = queueUrl.lastIndexOf('/');
        return slash >= 0 ? queueUrl.substring(slash + 1) : queueUrl;
    }

    /**
     * Stops polling and makes every held message visible again at once, so the next console (or this one restarted)
     * sees them without waiting out the visibility timeout.
     */
    @Override
    public void close() {
        // A receive under way is let finish rather than interrupted: SQS has already leased what it brings, and an
        // abandoned answer would hide those messages for the whole visibility timeout. Its long-poll wait bounds it.
        thread.shutdown();
        try {
            if (!thread.awaitTermination(inbox.receiveDeadline(settings.waitSeconds()).toMillis(),
                    TimeUnit.MILLISECONDS)) {
                thread.shutdownNow();
                thread.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
        if (settings.peek()) {
            return; // every poll already handed back what it read
        }
        leases.releaseAllHeld();
    }
}
