package io.callbackconsole.ui.main;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.ConnectionSignIn;
import io.callbackconsole.aws.signin.CredentialProblem;
import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.EnvironmentMark;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import io.callbackconsole.triage.SubmissionRecovery;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.EnvironmentMarks;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.ui.common.LatestOnFxThread;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.FxTaskExecutor;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.history.HistoryViewModel;
import io.callbackconsole.ui.pending.PendingCallbacksViewModel;
import io.callbackconsole.ui.pending.RememberedColumns;
import io.callbackconsole.ui.pending.PendingRow;
import io.callbackconsole.ui.pending.PendingTableViewModel;
import io.callbackconsole.ui.quarantine.QuarantineViewModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's state: which connection is open, how polling goes, the counts on the tabs, and the view models
 * of the tabs. It opens and closes connections off the FX thread and applies the newest snapshot once per pulse. Work
 * of one connection runs on that connection's executor and stops with it; opening and closing run on the window's.
 * FX thread only.
 */
public final class MainViewModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MainViewModel.class);

    /** A snapshot with the table rows the poller's thread made of it. */
    private record Tick(PendingSnapshot snapshot, List<PendingRow> rows) {
    }

    /** A profile that must be signed in before a connection can open; what it would fail with. */
    private static final class SignInNeeded extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient ConnectionSignIn signIn;

        SignInNeeded(ConnectionSignIn signIn, CredentialProblem problem) {
            super(problem.getMessage());
            this.signIn = signIn;
        }
    }

    /** A session just opened, and the environment mark its profile carries. */
    private record Opened(ConsoleSession session, EnvironmentMark mark) {
    }

    private final ConsoleEnvironment environment;
    /**
     * Opens and closes sessions, one at a time and in order, so the window's last task (closing) finds every session
     * opened before it. Its thread is not a daemon: it keeps the JVM until closing is done.
     */
    private final FxTaskExecutor sessionTasks = new FxTaskExecutor("console-sessions", 1, false);
    /** Short work of the window itself: icons, profile names, the connection dialog's look-ups. */
    private final FxTaskExecutor windowTasks = new FxTaskExecutor("console-window", 2, true);
    /** Sessions opened and not yet shown or closed: closing the window closes them too. */
    private final Set<ConsoleSession> unattached = ConcurrentHashMap.newKeySet();
    private final PendingCallbacksViewModel pending = new PendingCallbacksViewModel();
    private final QuarantineViewModel quarantine = new QuarantineViewModel();
    private final HistoryViewModel history = new HistoryViewModel();
    private final ReadOnlyObjectWrapper<ConnectionSettings> connection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper sandbox = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ConnectionHeader> header = new ReadOnlyObjectWrapper<>(
            new ConnectionHeader(EnvironmentMark.UNMARKED, "Connecting…", "", ""));
    private final ReadOnlyStringWrapper connectProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper pendingCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper quarantineCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<PollState> pollState = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Instant> lastSnapshot = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper historyPath = new ReadOnlyStringWrapper("");
    private final StringProperty recoveryNotice = new SimpleStringProperty("");
    private final StringProperty sandboxNotice = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<ConnectionSignIn> signInNeeded = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper signInNotice = new ReadOnlyStringWrapper("");
    private ConnectionScope scope;
    /** Counts connect requests, so a session that finishes opening after a newer request is closed, not shown. */
    private long connectGeneration;
    private boolean closed;

    public MainViewModel(ConsoleEnvironment environment) {
        this.environment = environment;
        environment.closings().track(sessionTasks);
        // The window notifies through the Pending view's notices; here each decision only refreshes the history.
        pending.onSubmission(result -> history.reload());
        RememberedColumns.keep(pending.table(), environment.columns(), windowTasks);
    }

    /** Closes the current connection (if any) and opens one for {@code settings}, all off the FX thread. */
    public void connect(ConnectionSettings settings) {
        connect(settings, Optional.empty());
    }

    /**
     * As {@link #connect(ConnectionSettings)}, for a connection the operator chose in the Connect dialog: it is saved
     * for the next start, with the environment mark chosen for its profile, so the header shows it now and then.
     */
    public void connect(ConnectionSettings settings, Optional<EnvironmentMark> chosenMark) {
        if (closed) {
            return;
        }
        ConnectionScope previous = detachConnection();
        AuditLog previousAudit = history.detach();
        long generation = ++connectGeneration;
        connection.set(settings);
        sandbox.set(settings.sandbox());
        header.set(ConnectionHeader.connecting(settings));
        connectProblem.set("");
        recoveryNotice.set("");
        signInNeeded.set(null);
        signInNotice.set("");
        sessionTasks.execute(BackgroundTask.of(() -> {
            closeQuietly(previous, previousAudit);
            refuseWithoutSignIn(settings);
            EnvironmentMark mark = markFor(settings, chosenMark);
            ConsoleSession opened = environment.opener().open(settings);
            unattached.add(opened);
            // Only a connection the operator chose in Connect… is saved: flags, a reconnect after signing in and
            // the start-up connection leave settings.json as it was.
            if (!settings.sandbox() && chosenMark.isPresent()) {
                try {
                    environment.saver().save(settings);
                } catch (Exception e) {
                    log.warn("Connection opened but not saved: {}", e.getMessage());
                }
            }
            return new Opened(opened, mark);
        }).named("connect to " + settings.label()).onSuccess(opened -> {
            if (generation == connectGeneration && !closed) {
                attach(opened);
            } else {
                unattached.remove(opened.session());
                sessionTasks.execute(BackgroundTask.ofAction(opened.session()::close)
                        .named("close a superseded session"));
            }
        }).onFailure(error -> {
            if (generation != connectGeneration) {
                return;
            }
            header.set(ConnectionHeader.notConnected());
            if (error instanceof SignInNeeded needed) {
                askToSignIn(needed.signIn, needed.getMessage());
                return;
            }
            log.warn("Cannot connect to {}", settings.label(), error);
            connectProblem.set("Cannot connect to " + settings.label() + ": " + error.getMessage()
                    + " Use Connect… to change the connection.");
        }));
    }

    /**
     * Blocking: a profile the console signs in (SSO, an MFA role) without a usable sign-in is not opened; the window
     * asks the operator to sign in instead. Reads the profile and cache files only.
     */
    private static void refuseWithoutSignIn(ConnectionSettings settings) {
        if (settings.sandbox() || settings.profile() == null) {
            return;
        }
        ConnectionSignIn signIn;
        try {
            signIn = ConnectionSignIn.of(settings);
        } catch (InvalidInputException e) {
            return; // opening the session says what is wrong with the profile
        }
        Optional<CredentialProblem> missing = signIn.missingSignIn();
        if (missing.isPresent()) {
            throw new SignInNeeded(signIn, missing.get());
        }
    }

    /** FX thread: the banner that offers to sign in; polling (if any) goes on failing until then. */
    private void askToSignIn(ConnectionSignIn signIn, String why) {
        signInNeeded.set(signIn);
        signInNotice.set("Signed out of " + DisplayText.escape(signIn.profile().name()) + ": "
                + DisplayText.escape(why) + " Sign in, and the console connects again; decisions without a known"
                + " outcome are then sent with their own request token.");
    }

    /**
     * A poll just failed: when the reason is a sign-in that ran out mid-session (an SSO token, an MFA session), say so
     * and offer to sign in. The check reads files, off the FX thread, once per failing stretch.
     */
    private void checkSignInAfterFailedPoll(PollState previous, PollState now) {
        boolean startedFailing = now != null && now.phase() == PollState.Phase.FAILING
                && (previous == null || previous.phase() != PollState.Phase.FAILING);
        ConnectionSettings settings = connection.get();
        if (!startedFailing || settings == null || scope == null) {
            return;
        }
        ConnectionScope current = scope;
        current.tasks().execute(BackgroundTask.of(() -> {
            try {
                refuseWithoutSignIn(settings);
            } catch (SignInNeeded needed) {
                return Optional.of(needed);
            }
            return Optional.<SignInNeeded>empty();
        }).named("check the sign-in of " + settings.label()).onSuccess(needed -> {
            if (scope == current) {
                needed.ifPresent(n -> askToSignIn(n.signIn, n.getMessage()));
            }
        }));
    }

    /** The profile to sign in before the connection can work, or null. */
    public ReadOnlyObjectProperty<ConnectionSignIn> signInNeededProperty() {
        return signInNeeded.getReadOnlyProperty();
    }

    /** "Signed out of ops: …", or "" when no sign-in is needed. */
    public ReadOnlyStringProperty signInNoticeProperty() {
        return signInNotice.getReadOnlyProperty();
    }

    /**
     * Blocking: saves the chosen mark, or reads the saved one. A marks file that cannot be read or written costs the
     * colour, never the connection; the reason is logged.
     */
    private EnvironmentMark markFor(ConnectionSettings settings, Optional<EnvironmentMark> chosen) {
        if (settings.sandbox()) {
            return EnvironmentMark.SANDBOX;
        }
        try {
            if (chosen.isPresent()) {
                environment.marks().save(EnvironmentMarks.keyOf(settings), chosen.get());
                return chosen.get();
            }
            return EnvironmentMarks.markOf(settings, environment.marks().load());
        } catch (Exception e) {
            log.warn("The environment mark of {} cannot be {}: {}", settings.label(),
                    chosen.isPresent() ? "saved" : "read", e.getMessage());
            return chosen.orElse(EnvironmentMark.UNMARKED);
        }
    }

    /**
     * Adds a pipeline definition of the operator's own to the sandbox and restarts the sandbox with it (its earlier
     * executions go: the sandbox keeps nothing), saying what came of it. The file is read off the FX thread.
     */
    public void loadOwnPipeline(java.nio.file.Path definitionFile) {
        windowTasks.execute(BackgroundTask.of(() -> environment.ownPipelines().add(definitionFile))
                .named("load the pipeline " + definitionFile)
                .onSuccess(name -> {
                    sandboxNotice.set("Pipeline " + DisplayText.escape(name) + " from " + DisplayText.escape(
                            definitionFile.toString()) + " is loaded: the sandbox restarts with it and one execution"
                            + " of it (its earlier executions are gone).");
                    connect(ConnectionSettings.sandboxToStart());
                })
                .onFailure(error -> {
                    log.warn("The pipeline {} was not loaded", definitionFile, error);
                    sandboxNotice.set("The pipeline was not loaded: " + DisplayText.escape(error.getMessage())
                            + " Fix the definition and load it again.");
                }));
    }

    /** What loading a pipeline into the sandbox did; the operator may clear it. */
    public StringProperty sandboxNoticeProperty() {
        return sandboxNotice;
    }

    /** Blocking, off the FX thread: every saved environment mark, for the Connect dialog; empty when unreadable. */
    public Map<String, EnvironmentMark> savedMarks() {
        try {
            return environment.marks().load();
        } catch (Exception e) {
            log.warn("The environment marks cannot be read: {}", e.getMessage());
            return Map.of();
        }
    }

    /** Blocking: closes what a replaced connection left; a failure there must not keep the next one from opening. */
    private static void closeQuietly(ConnectionScope previous, AuditLog previousAudit) {
        try {
            if (previous != null) {
                previous.close(previousAudit);
            } else if (previousAudit != null) {
                previousAudit.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.warn("The previous connection did not close cleanly", e);
        }
    }

    /** FX thread: the window lets go of the current connection; its tasks stop, nothing of it is shown any more. */
    private ConnectionScope detachConnection() {
        ConnectionScope previous = scope;
        scope = null;
        if (previous != null) {
            previous.stopTasks();
        }
        pending.attach(null, null);
        return previous;
    }

    private void attach(Opened just) {
        ConsoleSession opened = just.session();
        unattached.remove(opened);
        ConnectionScope current = new ConnectionScope(opened);
        scope = current;
        connection.set(opened.connection());
        header.set(ConnectionHeader.of(opened.connection(), opened.connectionId(), just.mark(),
                opened.callerIdentity(), opened.identityProblem()));
        // The alias is a courtesy: asked once the header shows, shown if IAM names one in time, else nothing said.
        current.tasks().execute(BackgroundTask.of(opened::accountAlias).named("Asking IAM for the account alias")
                .onSuccess(alias -> {
                    if (scope == current && alias.isPresent()) {
                        header.set(ConnectionHeader.of(opened.connection(), opened.connectionId(), just.mark(),
                                opened.callerIdentity(), opened.identityProblem(), alias));
                    }
                }));
        historyPath.set(opened.historyFile().toString());
        pending.attach(opened, current.tasks());
        history.attach(opened, current.tasks());
        // The poller's thread makes the rows; the FX thread applies only the newest snapshot, once per pulse.
        LatestOnFxThread<Tick> ticks = new LatestOnFxThread<>(tick -> {
            if (scope == current) {
                apply(tick.snapshot(), tick.rows());
            }
        });
        opened.addSnapshotListener(snapshot -> ticks.offer(new Tick(snapshot,
                PendingTableViewModel.rowsOf(snapshot))));
        opened.start();
        recoverEarlierDecisions(current);
    }

    /**
     * Settles, in the background, decisions an earlier run left without a known outcome on this connection, says what
     * came of them, and names the connections whose unsettled decisions are left alone here.
     */
    private void recoverEarlierDecisions(ConnectionScope current) {
        ConsoleSession opened = current.session();
        current.tasks().execute(BackgroundTask.<String, Integer>of((control, found) -> {
            String elsewhere = describeElsewhere(opened.unsettledElsewhere());
            int count = opened.unsettledSubmissions().size();
            if (count == 0) {
                return elsewhere;
            }
            found.accept(count);
            String recovered = describeRecovery(opened.recoverUnsettled());
            return elsewhere.isEmpty() ? recovered : recovered + " " + elsewhere;
        }, counts -> recoveryNotice.set(counts.get(counts.size() - 1) + " decision(s) from an earlier run have no "
                + "known outcome; sending each again with its own request token…"))
                .named("recovery of unsettled decisions")
                .onSuccess(notice -> {
                    if (!notice.isEmpty()) {
                        recoveryNotice.set(notice);
                        history.reload();
                    }
                })
                .onFailure(error -> {
                    log.error("Decisions from an earlier run could not be settled", error);
                    recoveryNotice.set("Decisions from an earlier run could not be settled: " + error.getMessage()
                            + " They stay listed as in flight in the History tab and are tried again on the next"
                            + " start.");
                }));
    }

    /** "2 decision(s) made on account … are unsettled: connect to it to settle them." — never sent from here. */
    static String describeElsewhere(List<HistoryStore.UnsettledElsewhere> elsewhere) {
        StringBuilder text = new StringBuilder();
        for (HistoryStore.UnsettledElsewhere other : elsewhere) {
            text.append(text.length() == 0 ? "" : " ").append(other.decisions()).append(" decision(s) made on ")
                    .append(DisplayText.escape(other.connection().describe())).append(" are unsettled: connect to it to settle them.");
        }
        return text.toString();
    }

    static String describeRecovery(List<SubmissionRecovery.Recovered> recovered) {
        StringBuilder text = new StringBuilder("Settled decisions from an earlier run:");
        for (SubmissionRecovery.Recovered r : recovered) {
            text.append(' ').append(r.submission().token()).append(' ');
            if (r.outcome() instanceof Outcome.Accepted) {
                text.append("accepted;");
            } else if (r.outcome() instanceof Outcome.Refused refused) {
                text.append("refused (").append(refused.errorCode()).append(");");
            } else {
                text.append("still unknown, retried in the background with its own request token;");
            }
        }
        return text.toString();
    }

    /** Applies one snapshot whose rows the poller's thread made. FX thread. */
    private void apply(PendingSnapshot snapshot, List<PendingRow> rows) {
        pending.table().apply(snapshot, rows);
        quarantine.apply(snapshot.quarantined());
        pendingCount.set(snapshot.pending().size());
        quarantineCount.set(snapshot.quarantined().size());
        PollState previousPoll = pollState.get();
        pollState.set(snapshot.pollState());
        checkSignInAfterFailedPoll(previousPoll, snapshot.pollState());
        lastSnapshot.set(snapshot.takenAt());
    }

    public void refresh() {
        if (scope != null) {
            scope.session().refresh();
        }
        history.reload();
    }

    public ConsoleEnvironment environment() {
        return environment;
    }

    /** The window's own executor (not a connection's): for work that outlives a connection, such as icons. */
    public TaskExecutor windowTasks() {
        return windowTasks;
    }

    public PendingCallbacksViewModel pending() {
        return pending;
    }

    public QuarantineViewModel quarantine() {
        return quarantine;
    }

    public HistoryViewModel history() {
        return history;
    }

    public ReadOnlyObjectProperty<ConnectionSettings> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty sandboxProperty() {
        return sandbox.getReadOnlyProperty();
    }

    /** What the header says about the open connection: environment, account, region, profile, endpoints, caller. */
    public ReadOnlyObjectProperty<ConnectionHeader> headerProperty() {
        return header.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectProblemProperty() {
        return connectProblem.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty pendingCountProperty() {
        return pendingCount.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty quarantineCountProperty() {
        return quarantineCount.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PollState> pollStateProperty() {
        return pollState.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Instant> lastSnapshotProperty() {
        return lastSnapshot.getReadOnlyProperty();
    }

    /** What recovery of an earlier run's decisions did; the operator may clear it. */
    public StringProperty recoveryNoticeProperty() {
        return recoveryNotice;
    }

    public ReadOnlyStringProperty historyPathProperty() {
        return historyPath.getReadOnlyProperty();
    }

    /**
     * Closes the window's state: the connection's tasks stop at once; its session and history close on the window's
     * executor, whose threads are not daemons, so held messages are released even as the application exits. The
     * launcher waits for that through {@link ConsoleEnvironment#closings()}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        connectGeneration++;
        ConnectionScope closing = detachConnection();
        AuditLog audit = history.detach();
        // Last in the queue: after any connect still under way, so a session it opens is closed here.
        sessionTasks.execute(BackgroundTask.ofAction(() -> {
            closeQuietly(closing, audit);
            for (ConsoleSession opened : unattached) {
                unattached.remove(opened);
                opened.close();
            }
        }).named("close the window's sessions"));
        sessionTasks.shutdown();
        windowTasks.close();
    }

    /** Waits (off the FX thread) until the closing work of {@link #close()} is done; false on time-out. */
    public boolean awaitClosed(long timeoutMillis) {
        try {
            return sessionTasks.awaitTermination(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
