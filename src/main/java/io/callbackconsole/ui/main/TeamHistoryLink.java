package io.callbackconsole.ui.main;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.triage.ConsoleSession;
import io.callbackconsole.ui.common.WindowWords;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import java.time.Duration;
import javafx.animation.PauseTransition;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the open connection's team history can be journaled in, for the "connection lost" banner. While it can, it
 * is asked for its chain head every {@link #HEARTBEAT}; once it cannot, the banner says so and it is asked again with
 * a growing pause (1 s, 2 s, 4 s … up to 30 s), and at once when the operator presses Reconnect; the banner goes with
 * the first answer. One check at a time, on the connection's executor, never on the FX thread. Decisions need no help
 * from here: the history reconnects on its next use and refuses a decision before anything is sent while it cannot
 * (the intent must be durable first); polling goes on meanwhile. A file history is not watched. FX thread only.
 */
final class TeamHistoryLink {
    private static final Logger log = LoggerFactory.getLogger(TeamHistoryLink.class);
    /** How often a reachable team history is asked, so a server that went away is noticed between decisions. */
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final Duration heartbeat;
    private final Duration firstRetry;
    private final ReadOnlyStringWrapper lostNotice = new ReadOnlyStringWrapper("");
    private final StringProperty roleNotice = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper checking = new ReadOnlyBooleanWrapper(false);
    private final PauseTransition timer = new PauseTransition();
    private ConsoleSession session;
    private TaskExecutor tasks;
    /** Counts watches and stops, so the answer of a check made for an earlier connection is dropped. */
    private long watching;
    private int failedChecks;

    TeamHistoryLink() {
        this(HEARTBEAT, FIRST_RETRY);
    }

    /** With other pauses (tests). */
    TeamHistoryLink(Duration heartbeat, Duration firstRetry) {
        this.heartbeat = heartbeat;
        this.firstRetry = firstRetry;
        timer.setOnFinished(e -> check());
    }

    /** Watches {@code opened}'s history when it is a team history, its checks running on {@code connectionTasks}. */
    void watch(ConsoleSession opened, TaskExecutor connectionTasks) {
        stop();
        if (!opened.history().isTeamHistory()) {
            return;
        }
        session = opened;
        tasks = connectionTasks;
        // Checked at connect, as the Connect dialog shows it; here too for a team history named by --history or
        // saved, which no dialog checked.
        roleNotice.set(opened.history().teamPrivileges().map(privileges -> WindowWords.text(
                "connect.history.roleCouldRewrite", DisplayText.escape(privileges.role()),
                String.join(", ", privileges.rewritingPrivileges()), opened.history().location(),
                privileges.revokeRewriting())).orElse(""));
        schedule(heartbeat);
    }

    /** Stops watching (another connection opens, the window closes); the banner goes with it. */
    void stop() {
        watching++;
        timer.stop();
        session = null;
        tasks = null;
        failedChecks = 0;
        checking.set(false);
        lostNotice.set("");
        roleNotice.set("");
    }

    /** Asks the team history now (Reconnect, or after a decision), unless a check already runs. */
    void checkNow() {
        if (session != null && !checking.get()) {
            timer.stop();
            check();
        }
    }

    private void check() {
        if (session == null || checking.get()) {
            return;
        }
        long mine = watching;
        ConsoleSession checked = session;
        checking.set(true);
        tasks.execute(BackgroundTask.ofAction(() -> checked.history().checkReachable())
                .named("check the team history").onSuccess(ignored -> {
                    if (mine != watching) {
                        return;
                    }
                    if (failedChecks > 0) {
                        log.info("Team history {} reachable again", checked.history().location());
                    }
                    checking.set(false);
                    failedChecks = 0;
                    lostNotice.set("");
                    schedule(heartbeat);
                }).onFailure(error -> {
                    if (mine != watching) {
                        return;
                    }
                    checking.set(false);
                    failedChecks++;
                    Duration pause = retryPause(failedChecks);
                    if (failedChecks == 1) {
                        log.warn("Team history {} lost: {}", checked.history().location(), error.getMessage());
                    }
                    lostNotice.set(WindowWords.text("teamHistory.lost", DisplayText.escape(error.getMessage()),
                            pause.toSeconds()));
                    schedule(pause);
                }));
    }

    /** 1 s, 2 s, 4 s … after the first, second, third failed check, never more than {@link #LONGEST_RETRY}. */
    Duration retryPause(int failed) {
        Duration pause = firstRetry.multipliedBy(1L << Math.min(failed - 1, 16));
        return pause.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : pause;
    }

    private void schedule(Duration pause) {
        timer.stop();
        timer.setDuration(javafx.util.Duration.millis(pause.toMillis()));
        timer.playFromStart();
    }

    /** Why decisions cannot be journaled now and what happens meanwhile; "" while the team history answers. */
    ReadOnlyStringProperty lostNoticeProperty() {
        return lostNotice.getReadOnlyProperty();
    }

    /** That the team history's role could rewrite history, with the REVOKE to ask for; "" otherwise or dismissed. */
    StringProperty roleNoticeProperty() {
        return roleNotice;
    }

    /** True while a check runs (Reconnect is off meanwhile). */
    ReadOnlyBooleanProperty checkingProperty() {
        return checking.getReadOnlyProperty();
    }
}
