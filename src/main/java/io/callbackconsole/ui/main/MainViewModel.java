package io.callbackconsole.ui.main;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.ConnectionSignIn;
import io.callbackconsole.domain.EnvironmentMark;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.triage.PendingSnapshot;
import io.callbackconsole.triage.PollState;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.common.LatestOnFxThread;
import io.callbackconsole.ui.common.WindowWords;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.FxTaskExecutor;
import io.callbackconsole.ui.common.task.TaskExecutor;
import io.callbackconsole.ui.history.HistoryViewModel;
import io.callbackconsole.ui.pending.PendingCallbacksViewModel;
import io.callbackconsole.ui.pending.PendingRow;
import io.callbackconsole.ui.pending.PendingTableViewModel;
import io.callbackconsole.ui.quarantine.QuarantineViewModel;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's state, composed of the tabs' view models and collaborators that each do one job: the
 * {@link ConnectionSwitcher} (which connection is open), {@link SignInState} (the "Signed out of P" banner),
 * {@link ConnectionMarks}, {@link OwnPipelineLoader}, {@link EarlierDecisionsRecovery} and {@link PollStatus}. Here
 * they are wired: what a connect shows, what an opened session feeds, what closing stops. FX thread only.
 */
public final class MainViewModel implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MainViewModel.class);

    /** A snapshot with the table rows the poller's thread made of it. */
    private record Tick(PendingSnapshot snapshot, List<PendingRow> rows) {
    }

    private final ConsoleEnvironment environment;
    /** Short work of the window itself: icons, profile names, the connection dialog's look-ups, loading pipelines. */
    private final FxTaskExecutor windowTasks = new FxTaskExecutor("console-window", 2, true);
    private final FxTaskExecutor preferenceSaver;
    private final PendingCallbacksViewModel pending = new PendingCallbacksViewModel();
    private final WaitingAlerts alerts = new WaitingAlerts(pending.table()::ageAlarms, WaitingAlerts.QUIET);
    private final QuarantineViewModel quarantine = new QuarantineViewModel();
    private final HistoryViewModel history = new HistoryViewModel();
    private final ConnectionSwitcher switcher;
    private final SignInState signIn = new SignInState();
    private final ConnectionMarks marks;
    private final OwnPipelineLoader ownPipelines;
    private final EarlierDecisionsRecovery recovery = new EarlierDecisionsRecovery();
    private final PollStatus poll = new PollStatus();
    private final TeamHistoryLink teamHistory;
    private final ReadOnlyObjectWrapper<ConnectionSettings> connection = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper sandbox = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyObjectWrapper<ConnectionHeader> header = new ReadOnlyObjectWrapper<>(
            new ConnectionHeader(EnvironmentMark.UNMARKED, WindowWords.text("header.connecting"), "", ""));
    private final ReadOnlyStringWrapper connectProblem = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper historyPath = new ReadOnlyStringWrapper("");
    private final WindowPreferences preferences;
    /** Said once in the window: the settings file was damaged and set aside, say. The operator may clear it. */
    private final StringProperty settingsNotice = new SimpleStringProperty("");

    public MainViewModel(ConsoleEnvironment environment) {
        this(environment, new TeamHistoryLink());
    }

    /** With the team history watched at other pauses (tests). */
    MainViewModel(ConsoleEnvironment environment, TeamHistoryLink teamHistory) {
        this.environment = environment;
        this.teamHistory = teamHistory;
        this.switcher = new ConnectionSwitcher(environment.closings(), () -> {
            pending.attach(null, null);
            quarantine.attach(null, null);
            return history.detach();
        });
        this.marks = new ConnectionMarks(environment.marks());
        this.ownPipelines = new OwnPipelineLoader(environment.ownPipelines(), windowTasks,
                () -> connect(ConnectionSettings.sandboxToStart()));
        // The window notifies through the Pending view's notices; here each decision refreshes the history, and asks
        // a team history whether it still answers (a decision refused for want of it shows the banner at once).
        pending.onSubmission(result -> {
            history.reload();
            teamHistory.checkNow();
        });
        quarantine.onDeletion(result -> {
            history.reload();
            teamHistory.checkNow();
        });
        // A bulk run that stopped signed out offers to sign in again, as a poll that starts failing does.
        pending.onSignedOut(code -> {
            ConnectionScope current = switcher.current();
            if (current != null) {
                signIn.checkAfterSignedOut(connection.get(), code, current.tasks(), () -> switcher.current() == current);
            }
        });
        // Its own saver, waited for as the window closes, so the last layout and choice reach the file.
        preferenceSaver = new FxTaskExecutor("console-preferences", 1, true);
        environment.closings().track(preferenceSaver);
        preferences = new WindowPreferences(environment.preferences(), pending, alerts, preferenceSaver);
        settingsNotice.set(preferences.startNotice());
    }

    /** The preferences in force, and where a new choice is applied and saved. */
    WindowPreferences preferences() {
        return preferences;
    }

    /** What the window says once about the start's settings (a damaged file set aside); the operator may clear it. */
    public StringProperty settingsNoticeProperty() {
        return settingsNotice;
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
        connect(settings, chosenMark, false);
    }

    /**
     * Opens the current connection again (after a sign-in, say) and resumes where the window was: reasons typed and
     * not sent come back with their rows, when the connection opened is the one they were typed on (the same account,
     * region and endpoints: a sign-in as another account is another connection, and they go).
     */
    public void reconnect() {
        ConnectionSettings current = connection.get();
        if (current != null) {
            connect(current, Optional.empty(), true);
        }
    }

    private void connect(ConnectionSettings settings, Optional<EnvironmentMark> chosenMark, boolean resume) {
        if (switcher.closed()) {
            return;
        }
        connection.set(settings);
        sandbox.set(settings.sandbox());
        header.set(ConnectionHeader.connecting(settings));
        connectProblem.set("");
        teamHistory.stop();
        recovery.clear();
        signIn.clear();
        switcher.switchTo(settings.label(), () -> {
            SignInState.refuseWithoutSignIn(settings);
            EnvironmentMark mark = marks.markFor(settings, chosenMark);
            ConsoleSession opened = environment.opener().open(settings);
            if (chosenMark.isPresent()) {
                saveChosen(settings);
            }
            return new ConnectionSwitcher.Opened(opened, mark);
        }, (current, mark) -> attach(current, mark, resume), error -> {
            header.set(ConnectionHeader.notConnected());
            if (error instanceof SignInState.SignInNeeded needed) {
                signIn.ask(needed);
                return;
            }
            log.warn("Cannot connect to {}", settings.label(), error);
            connectProblem.set(WindowWords.text("connect.cannot", settings.label(), error.getMessage()));
        });
    }

    /**
     * Blocking: only a connection the operator chose in Connect… is saved; flags, a reconnect after signing in and the
     * start-up connection leave settings.json as it was. A save that fails costs the next start, not this connection.
     */
    private void saveChosen(ConnectionSettings settings) {
        if (settings.sandbox()) {
            return;
        }
        try {
            environment.saver().save(settings);
        } catch (Exception e) {
            log.warn("Connection opened but not saved: {}", e.getMessage());
        }
    }

    /** FX thread: shows a session that just opened and feeds its snapshots to the tabs. */
    private void attach(ConnectionScope current, EnvironmentMark mark, boolean resume) {
        ConsoleSession opened = current.session();
        connection.set(opened.connection());
        String journal = opened.history().location();
        boolean team = opened.history().isTeamHistory();
        header.set(ConnectionHeader.of(opened.connection(), opened.connectionId(), mark,
                opened.identity().caller(), opened.identity().problem()).journaledIn(journal, team));
        // The alias is a courtesy: asked once the header shows, shown if IAM names one in time, else nothing said.
        current.tasks().execute(BackgroundTask.of(opened.identity()::accountAlias)
                .named("Asking IAM for the account alias")
                .onSuccess(alias -> {
                    if (switcher.current() == current && alias.isPresent()) {
                        header.set(ConnectionHeader.of(opened.connection(), opened.connectionId(), mark,
                                opened.identity().caller(), opened.identity().problem(), alias)
                                .journaledIn(journal, team));
                    }
                }));
        historyPath.set(team ? WindowWords.text("status.teamHistory", journal) : journal);
        alerts.reset();
        if (resume) {
            pending.resume(opened, current.tasks());
        } else {
            pending.attach(opened, current.tasks());
        }
        history.attach(opened, current.tasks());
        teamHistory.watch(opened, current.tasks());
        quarantine.attach(opened, current.tasks());
        // Other consoles' rows arrived in the team history (a catch-up after its notification): reload, at most
        // once per pulse however many catch-ups came.
        LatestOnFxThread<Boolean> historyChanges = new LatestOnFxThread<>(changed -> {
            if (switcher.current() == current) {
                history.reload();
            }
        });
        opened.history().addChangeListener(() -> historyChanges.offer(Boolean.TRUE));
        // The poller's thread makes the rows; the FX thread applies only the newest snapshot, once per pulse.
        LatestOnFxThread<Tick> ticks = new LatestOnFxThread<>(tick -> {
            if (switcher.current() == current) {
                apply(current, tick.snapshot(), tick.rows());
            }
        });
        opened.pending().addSnapshotListener(snapshot -> ticks.offer(new Tick(snapshot,
                PendingTableViewModel.rowsOf(snapshot))));
        opened.start();
        recovery.recover(opened, current.tasks(), history::reload);
    }

    /** Applies one snapshot whose rows the poller's thread made. FX thread. */
    private void apply(ConnectionScope current, PendingSnapshot snapshot, List<PendingRow> rows) {
        pending.table().apply(snapshot, rows);
        alerts.apply(rows, snapshot.takenAt());
        quarantine.apply(snapshot.quarantined());
        PollState previous = poll.apply(snapshot);
        signIn.checkAfterPoll(previous, snapshot.pollState(), connection.get(), current.tasks(),
                () -> switcher.current() == current);
    }

    public void refresh() {
        ConnectionScope current = switcher.current();
        if (current != null) {
            current.session().pending().refresh();
        }
        history.reload();
    }

    /** Adds a pipeline definition of the operator's own to the sandbox and restarts the sandbox with it. */
    public void loadOwnPipeline(Path definitionFile) {
        ownPipelines.load(definitionFile);
    }

    /** Blocking, off the FX thread: every saved environment mark, for the Connect dialog; empty when unreadable. */
    public Map<String, EnvironmentMark> savedMarks() {
        return marks.saved();
    }

    public ConsoleEnvironment environment() {
        return environment;
    }

    /** The window's own executor (not a connection's): for work that outlives a connection, such as icons. */
    public TaskExecutor windowTasks() {
        return windowTasks;
    }

    /**
     * Where the window's own choices are saved (the layout, the preferences, the table columns): the saves queued
     * before the window closed are written before the process exits, which the window's tasks are not.
     */
    public TaskExecutor saves() {
        return preferenceSaver;
    }

    /** New, overdue and near-dead-letter callbacks, told once per token; the window shows them as notifications. */
    public WaitingAlerts alerts() {
        return alerts;
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

    /** The profile to sign in before the connection can work, or null. */
    public ReadOnlyObjectProperty<ConnectionSignIn> signInNeededProperty() {
        return signIn.neededProperty();
    }

    /** "Signed out of ops: …", or "" when no sign-in is needed. */
    public ReadOnlyStringProperty signInNoticeProperty() {
        return signIn.noticeProperty();
    }

    /** What loading a pipeline into the sandbox did; the operator may clear it. */
    public StringProperty sandboxNoticeProperty() {
        return ownPipelines.noticeProperty();
    }

    /** What recovery of an earlier run's decisions did; the operator may clear it. */
    public StringProperty recoveryNoticeProperty() {
        return recovery.noticeProperty();
    }

    public ReadOnlyIntegerProperty pendingCountProperty() {
        return poll.pendingCountProperty();
    }

    public ReadOnlyIntegerProperty quarantineCountProperty() {
        return poll.quarantineCountProperty();
    }

    public ReadOnlyObjectProperty<PollState> pollStateProperty() {
        return poll.pollStateProperty();
    }

    public ReadOnlyObjectProperty<Instant> lastSnapshotProperty() {
        return poll.lastSnapshotProperty();
    }

    /** Why the team history cannot be journaled in now ("Connection to the team history lost: …"), or "". */
    /** That the team history's role could rewrite history; the operator may clear it. */
    public StringProperty historyRoleNoticeProperty() {
        return teamHistory.roleNoticeProperty();
    }

    public ReadOnlyStringProperty historyLostProperty() {
        return teamHistory.lostNoticeProperty();
    }

    /** True while the team history is being asked whether it answers again. */
    public ReadOnlyBooleanProperty historyCheckingProperty() {
        return teamHistory.checkingProperty();
    }

    /** Reconnect: asks the team history at once instead of at the next pause. */
    public void reconnectHistory() {
        teamHistory.checkNow();
    }

    public ReadOnlyStringProperty historyPathProperty() {
        return historyPath.getReadOnlyProperty();
    }

    /**
     * Closes the window's state: the connection's tasks stop at once; its session and history close on the session
     * thread, which is not a daemon. The launcher waits for that through {@link ConsoleEnvironment#closings()}.
     */
    @Override
    public void close() {
        if (switcher.closed()) {
            return;
        }
        teamHistory.stop();
        switcher.close();
        windowTasks.close();
        preferences.close();
    }

    /** Waits (off the FX thread) until the closing work of {@link #close()} is done; false on time-out. */
    public boolean awaitClosed(long timeoutMillis) {
        return switcher.awaitClosed(timeoutMillis);
    }
}
