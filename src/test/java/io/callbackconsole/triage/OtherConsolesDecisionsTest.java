package io.callbackconsole.triage;

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
import io.callbackconsole.history.ChainHead;
import io.callbackconsole.history.HistoryEntry;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.JournalBatch;
import io.callbackconsole.history.TeamHistoryLocation;
import io.callbackconsole.testing.TestPostgres;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A console's catch-up with a team history (a real PostgreSQL), woken by its own commits as by anyone's: rows this
 * session appended, all of its own decisions, are not read back; as soon as another console's rows are among the new
 * ones (or an outcome this session wrote for another console's decision), everything new is read as before.
 */
class OtherConsolesDecisionsTest {
    private static final String EXECUTION =
            "arn:aws:sagemaker:us-east-2:012345678901:pipeline/callback-pipeline/execution/7pinimwddh3a";
    private static final Instant MORNING = Instant.parse("2025-03-01T09:15:30.123Z");

    private HistoryStore here;
    private HistoryStore elsewhere;
    private final AtomicInteger rowReads = new AtomicInteger();
    private final AtomicInteger headReads = new AtomicInteger();
    private OtherConsolesDecisions others;

    @BeforeEach
    void openTwoConsolesOnOneTeamHistory() {
        TeamHistoryLocation location = TeamHistoryLocation.parse(TestPostgres.freshDatabase() + "?user="
                + TestPostgres.SUPERUSER);
        Map<String, String> password = Map.of("PGPASSWORD", TestPostgres.SUPERUSER_PASSWORD);
        here = HistoryStore.openTeam(location, "test", password);
        elsewhere = HistoryStore.openTeam(location, "test", password);
        others = new OtherConsolesDecisions(new OtherConsolesDecisions.HistoryReads() {
            @Override
            public long headSeq() {
                headReads.incrementAndGet();
                return here.head().seq();
            }

            @Override
            public List<HistoryEntry> decisionsWithRowsAfter(long seq, int limit) {
                rowReads.incrementAndGet();
                return here.decisionsWithRowsAfter(seq, limit);
            }
        }, ConnectionId.sandbox());
        others.startFromHead();
    }

    @AfterEach
    void close() {
        here.close();
        elsewhere.close();
    }

    @Test
    void ownCommitsAreNotReadBack() {
        Submission first = decision("Here000001", "alice");
        Submission second = decision("Here000002", "alice");
        appendHere(new JournalBatch().intent(first, "ManualReview").intent(second, "ManualReview"), first, second);
        appendHere(new JournalBatch().outcome(first.requestToken(), accepted(), MORNING.plusSeconds(1))
                .outcome(second.requestToken(), accepted(), MORNING.plusSeconds(1)), first, second);

        headReads.set(0);

        // As the listener does: with the head it read on its own connection.
        OtherConsolesDecisions.CaughtUp caughtUp = others.catchUp(elsewhere.head().seq());

        assertThat(caughtUp.newRows()).as("the views still have new rows to show").isTrue();
        assertThat(caughtUp.settled()).isEmpty();
        assertThat(rowReads).as("rows read back").hasValue(0);
        assertThat(headReads).as("heads read from the store").hasValue(0);
        assertThat(others.catchUp()).isEqualTo(OtherConsolesDecisions.CaughtUp.NOTHING);
    }

    @Test
    void anotherConsolesRowsAmongOwnOnesAreRead() {
        Submission mine = decision("Here000001", "alice");
        appendHere(new JournalBatch().intent(mine, "ManualReview"), mine);
        Submission theirs = decision("Else000001", "bob");
        elsewhere.append(new JournalBatch().intent(theirs, "ManualReview"));
        Submission later = decision("Here000002", "alice");
        appendHere(new JournalBatch().intent(later, "ManualReview"), later);

        OtherConsolesDecisions.CaughtUp caughtUp = others.catchUp();

        assertThat(caughtUp.newRows()).isTrue();
        assertThat(rowReads).hasValue(1);
        assertThat(others.underWay(theirs.token())).contains(theirs);
        assertThat(others.underWay(mine.token())).isEmpty();
    }

    @Test
    void anOutcomeWrittenHereForAnotherConsolesDecisionIsRead() {
        Submission theirs = decision("Else000001", "bob");
        elsewhere.append(new JournalBatch().intent(theirs, "ManualReview"));
        assertThat(others.catchUp().newRows()).isTrue();
        assertThat(others.underWay(theirs.token())).contains(theirs);
        rowReads.set(0);

        // Recovery here settles bob's decision: not a decision journaled here, so the catch-up reads it.
        JournalBatch settled = new JournalBatch().outcome(theirs.requestToken(), accepted(), MORNING.plusSeconds(5));
        others.appended(settled, here.append(settled));
        OtherConsolesDecisions.CaughtUp caughtUp = others.catchUp();

        assertThat(rowReads).hasValue(1);
        assertThat(caughtUp.settled()).extracting(HistoryEntry::submission).containsExactly(theirs);
        assertThat(others.underWay(theirs.token())).isEmpty();
    }

    private void appendHere(JournalBatch batch, Submission... decisions) {
        for (Submission decision : decisions) {
            others.journaledHere(decision);
        }
        ChainHead after = here.append(batch);
        others.appended(batch, after);
    }

    private static Outcome accepted() {
        return new Outcome.Accepted(EXECUTION, "request-id");
    }

    private static Submission decision(String token, String operator) {
        return new Submission(new ClientRequestToken("request-token-for-" + token + "-0123456789abcdef"), Action.FAIL,
                CallbackToken.of(token), PipelineExecutionArn.of(EXECUTION), FailureReason.of("not good enough"),
                new Operator(operator), ConnectionId.sandbox(), MORNING);
    }
}
