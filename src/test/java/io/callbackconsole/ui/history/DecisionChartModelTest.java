package io.callbackconsole.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.DecisionsPerDay;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.HeldTaskExecutor;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's counts follow the table's reloads without piling up: a burst of reloads (one per decision of a bulk
 * run) counts once, for the last filter, and an answer for a history let go of is never shown.
 */
class DecisionChartModelTest {
    private static final String ARN = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/churn-model/execution/abc1";

    @TempDir
    Path dir;
    AuditLog audit;
    final HeldTaskExecutor tasks = new HeldTaskExecutor();
    final DecisionChartModel model = new DecisionChartModel();

    @BeforeEach
    void writeTwoDecisions() {
        Path file = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file, "test")) {
            String[] operators = {"alice", "bob"};
            for (int i = 0; i < 2; i++) {
                Submission s = new Submission(new ClientRequestToken("request-" + i + "-0123456789abcdefghijklmnopqrst"),
                        Action.FAIL, CallbackToken.of("Tok000000" + i), PipelineExecutionArn.of(ARN),
                        FailureReason.of("Rejected"), new Operator(operators[i]), ConnectionId.sandbox(),
                        Instant.parse("2025-03-01T09:00:00Z").plusSeconds(i));
                store.recordIntent(s);
                store.recordOutcome(s.requestToken(), new Outcome.Accepted(ARN, "req"), s.decidedAt().plusSeconds(1));
            }
        }
        audit = AuditLog.open(file);
    }

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void aBurstOfReloadsCountsOnceForTheLastFilter() {
        model.load(audit, AuditFilter.everything(), tasks);
        model.load(audit, new AuditFilter(null, null, null, "alice", null, null, null), tasks);
        model.load(audit, new AuditFilter(null, null, null, "bob", null, null, null), tasks);

        assertThat(tasks.held()).hasSize(3);
        assertThat(tasks.held()).extracting(BackgroundTask::isCancelled).containsExactly(true, true, false);
        assertThat(model.stateProperty().get()).isEqualTo("Counting decisions per day…");
        tasks.releaseAll();

        assertThat(model.dataProperty().get().summary()).contains(": 1 decision — 1 ACCEPTED;");
        assertThat(model.stateProperty().get()).isEmpty();

        // The split changes: counted again, the filter kept.
        model.splitByProperty().set(DecisionsPerDay.SplitBy.OPERATOR);
        tasks.releaseAll();
        assertThat(model.dataProperty().get().series()).extracting(DecisionChartData.Series::name)
                .containsExactly("bob");
    }

    @Test
    void anAnswerForAHistoryLetGoOfIsNotShown() {
        model.load(audit, AuditFilter.everything(), tasks);
        model.forget();
        tasks.releaseAll();

        assertThat(model.dataProperty().get()).isNull();
        assertThat(model.stateProperty().get()).isEmpty();
        model.splitByProperty().set(DecisionsPerDay.SplitBy.OPERATOR);
        assertThat(tasks.held()).as("no history: nothing to count").isEmpty();
    }
}
