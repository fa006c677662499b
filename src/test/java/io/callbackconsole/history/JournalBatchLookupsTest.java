package io.callbackconsole.history;

import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import java.nio.file.Path;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A batch's checks are read for the whole batch before its rows are appended (few queries instead of a few per row):
 * they must find what the row-by-row checks found, in a file and in a team history, also where the batch's own rows
 * change the answer.
 */
class JournalBatchLookupsTest {
    @TempDir
    static Path directory;

    static Stream<Supplier<HistoryStore>> stores() {
        return Stream.of(
                named(() -> HistoryStore.open(directory.resolve("history-" + System.nanoTime() + ".db"),
                        SampleSubmissions.CONSOLE_VERSION), "SQLite file"),
                named(TeamHistories::openFreshAsOwner, "team history"));
    }

    private static Supplier<HistoryStore> named(Supplier<HistoryStore> opener, String name) {
        return new Supplier<>() {
            @Override
            public HistoryStore get() {
                return opener.get();
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }

    private final Submission earlier = decision("TokenAAAA1", "request-earlier-0123456789abcdef-0", MORNING);
    private final Submission again = decision("TokenAAAA1", "request-again-0123456789abcdef-000", MORNING.plusSeconds(5));
    private final Submission other = decision("TokenBBBB2", "request-other-0123456789abcdef-000", MORNING.plusSeconds(6));

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anIntentJournaledBeforeIsRefusedAndTheBatchLeavesNothing(Supplier<HistoryStore> opener) {
        try (HistoryStore store = opener.get()) {
            store.recordIntent(earlier);

            assertThatThrownBy(() -> store.append(new JournalBatch().intent(other, null).intent(earlier, null)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("client request token " + earlier.requestToken() + " is already in the"
                            + " history");
            assertThat(store.find(other.requestToken())).as("all or nothing").isEmpty();
            assertThat(store.verify().intact()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void oneIntentTwiceInABatchIsRefused(Supplier<HistoryStore> opener) {
        try (HistoryStore store = opener.get()) {
            assertThatThrownBy(() -> store.append(new JournalBatch().intent(earlier, null).intent(earlier, null)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("is already in the history");
            assertThat(store.find(earlier.requestToken())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anOutcomeOfNoIntentIsRefused(Supplier<HistoryStore> opener) {
        try (HistoryStore store = opener.get()) {
            store.recordIntent(other);

            assertThatThrownBy(() -> store.append(new JournalBatch()
                    .outcome(other.requestToken(), accepted(other), MORNING.plusSeconds(7))
                    .outcome(earlier.requestToken(), accepted(earlier), MORNING.plusSeconds(8))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("No decision with client request token " + earlier.requestToken())
                    .hasMessageContaining("so its outcome cannot be recorded");
            assertThat(store.find(other.requestToken()).orElseThrow().outcome()).isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anIntentAndItsOutcomeInOneBatchAreTiedTogether(Supplier<HistoryStore> opener) {
        try (HistoryStore store = opener.get()) {
            store.recordIntent(other);
            store.append(new JournalBatch().intent(earlier, "ManualReview")
                    .outcome(other.requestToken(), accepted(other), MORNING.plusSeconds(7))
                    .outcome(earlier.requestToken(), new Outcome.NotSent("Cancelled", "stopped"), MORNING.plusSeconds(8)));

            assertThat(store.find(earlier.requestToken()).orElseThrow().outcome().kind()).isEqualTo("NOT_SENT");
            assertThat(store.find(other.requestToken()).orElseThrow().outcome().kind()).isEqualTo("ACCEPTED");
            assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).isEmpty();
            assertThat(store.verify().intact()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aTokenWithAnUnsettledDecisionIsRefusedInABatchThatRefusesThem(Supplier<HistoryStore> opener) {
        try (HistoryStore store = opener.get()) {
            store.recordIntent(earlier);

            assertThatThrownBy(() -> store.append(new JournalBatch().refusingTokensBeingDecided()
                    .intent(other, null).intent(again, null)))
                    .isInstanceOfSatisfying(TokenBeingDecidedException.class,
                            e -> assertThat(e.underWay()).isEqualTo(earlier));
            assertThat(store.find(other.requestToken())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void twoIntentsOnOneTokenInABatchThatRefusesThemRefuseTheSecond(Supplier<HistoryStore> opener) {
        try (HistoryStore store = opener.get()) {
            assertThatThrownBy(() -> store.append(new JournalBatch().refusingTokensBeingDecided()
                    .intent(earlier, null).intent(again, null)))
                    .isInstanceOfSatisfying(TokenBeingDecidedException.class,
                            e -> assertThat(e.underWay()).isEqualTo(earlier));
            assertThat(store.find(earlier.requestToken())).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void anOutcomeEarlierInTheBatchSettlesWhatANewIntentOnItsTokenMeets(Supplier<HistoryStore> opener) {
        try (HistoryStore store = opener.get()) {
            store.recordIntent(earlier);

            store.append(new JournalBatch().refusingTokensBeingDecided()
                    .outcome(earlier.requestToken(), refused(), MORNING.plusSeconds(4))
                    .intent(again, null));

            assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).containsExactly(again);
            assertThat(store.verify().intact()).isTrue();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stores")
    void aBatchOfManyRowsIsInsertedInItsOrderOnOneUnbrokenChain(Supplier<HistoryStore> opener) {
        try (HistoryStore store = opener.get()) {
            java.util.List<Submission> first = new java.util.ArrayList<>();
            JournalBatch intents = new JournalBatch();
            for (int i = 0; i < 700; i++) {
                Submission s = decision(String.format("Many%06d", i), String.format("request-many-%06d-0123456789abcdef", i),
                        MORNING.plusMillis(i));
                first.add(s);
                intents.intent(s, "ManualReview");
            }
            store.append(intents.refusingTokensBeingDecided());
            // Outcomes of all of them, then new intents: rows of two shapes, more of each than one INSERT takes.
            JournalBatch mixed = new JournalBatch();
            for (Submission s : first) {
                mixed.outcome(s.requestToken(), accepted(s), MORNING.plusSeconds(10));
            }
            for (int i = 0; i < 700; i++) {
                mixed.intent(decision(String.format("More%06d", i), String.format("request-more-%06d-0123456789abcdef", i),
                        MORNING.plusSeconds(20).plusMillis(i)), null);
            }
            store.append(mixed);

            ChainVerification verification = store.verify();
            assertThat(verification.intact()).isTrue();
            assertThat(verification.rowsVerified()).isEqualTo(2_100);
            assertThat(store.find(first.get(699).requestToken()).orElseThrow().outcome().kind()).isEqualTo("ACCEPTED");
            assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).hasSize(700);
        }
    }

    private static Outcome accepted(Submission s) {
        return new Outcome.Accepted(s.executionArn().value(), "req-" + s.token().value());
    }

    private static Outcome refused() {
        return new Outcome.Refused("ValidationException", "no such step", "gone", "req-refused");
    }
}
