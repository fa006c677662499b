package io.callbackconsole.history;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore.UnsettledElsewhere;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Look-ups act on the current connection's decisions only; other connections' are counted, never listed to send.
 * {@link TeamHistoryConnectionScopeTest} runs the same tests on a team history (PostgreSQL).
 */
class HistoryConnectionScopeTest {
    private static final String ENDPOINTS = "sagemaker=http://127.0.0.1:4566 sqs=http://127.0.0.1:4566";
    static final ConnectionId PROD = ConnectionId.aws("111111111111", "us-east-2", null, "prod@us-east-2");
    static final ConnectionId PROD_OTHER_REGION = ConnectionId.aws("111111111111", "eu-west-1", null, "prod@eu-west-1");
    static final ConnectionId STAGING = ConnectionId.aws("222222222222", "us-east-2", null, "staging@us-east-2");
    static final ConnectionId LOCAL = ConnectionId.aws("111111111111", "us-east-2", ENDPOINTS, "prod@us-east-2");
    /** The prod profile while STS could not be asked. */
    static final ConnectionId PROD_NO_ACCOUNT = ConnectionId.aws(null, "us-east-2", null, "prod@us-east-2");

    @TempDir
    Path dir;
    private HistoryStore store;
    private int decisions;

    @BeforeEach
    void open() {
        store = openStore();
    }

    /** The store under test: a history file here; a team history in the subclass. */
    HistoryStore openStore() {
        return HistoryStore.open(dir.resolve("history.db"), CONSOLE_VERSION);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Submission decide(String token, ConnectionId connection) {
        decisions++;
        Submission s = new Submission(new ClientRequestToken("request-" + token + "-" + decisions + "-0123456789abcdef"),
                Action.FAIL, CallbackToken.of(token), null, FailureReason.of("bad data"), new Operator("alice"),
                connection, MORNING.plusSeconds(decisions));
        store.recordIntent(s);
        return s;
    }

    private void answer(Submission s, Outcome outcome) {
        store.recordOutcome(s.requestToken(), outcome, Instant.now());
    }

    @Test
    void eachConnectionSeesOnlyItsOwnUnsettledDecisionsOldestFirst() {
        Submission prodFirst = decide("ProdTokenA", PROD);
        Submission staging = decide("StageToken", STAGING);
        Submission otherRegion = decide("EuTokenAAA", PROD_OTHER_REGION);
        Submission local = decide("LocalToken", LOCAL);
        Submission sandbox = decide("SandboxTok", ConnectionId.sandbox());
        Submission prodSecond = decide("ProdTokenB", PROD);

        assertThat(store.unsettledSubmissions(PROD)).containsExactly(prodFirst, prodSecond);
        assertThat(store.unsettledSubmissions(STAGING)).containsExactly(staging);
        assertThat(store.unsettledSubmissions(PROD_OTHER_REGION)).containsExactly(otherRegion);
        assertThat(store.unsettledSubmissions(LOCAL)).as("endpoint overrides are another connection")
                .containsExactly(local);
        assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).containsExactly(sandbox);
        assertThat(store.unsettledSubmissions(PROD).get(0).connection()).isEqualTo(PROD);
        assertThat(store.unsettledSubmissions(LOCAL).get(0).connection().endpoints()).isEqualTo(ENDPOINTS);
    }

    @Test
    void aDecisionWithoutAnAccountBelongsToTheSameLabelButAnAccountsDecisionNeverToAnUnknownAccount() {
        Submission whileStsWasDown = decide("NoAccount1", PROD_NO_ACCOUNT);
        Submission withAccount = decide("WithAcct01", PROD);
        Submission otherProfile = decide("OtherProf1", ConnectionId.aws(null, "us-east-2", null, "dev@us-east-2"));

        assertThat(store.unsettledSubmissions(PROD)).containsExactly(whileStsWasDown, withAccount);
        assertThat(store.unsettledSubmissions(PROD_NO_ACCOUNT)).as("the profile may point at another account now")
                .containsExactly(whileStsWasDown);
        assertThat(store.unsettledSubmissions(STAGING)).isEmpty();
        assertThat(store.unsettledElsewhere(PROD_NO_ACCOUNT)).containsExactly(
                new UnsettledElsewhere(PROD, 1),
                new UnsettledElsewhere(ConnectionId.aws(null, "us-east-2", null, "dev@us-east-2"), 1));
        assertThat(otherProfile.connection().describe()).isEqualTo("dev@us-east-2 (account unknown)");
    }

    @Test
    void settledDecisionsLeaveTheListAndNotSentSettlesButUnknownDoesNot() {
        Submission accepted = decide("Accepted01", PROD);
        Submission refused = decide("Refused001", PROD);
        Submission unknown = decide("Unknown001", PROD);
        Submission notSent = decide("NotSent001", PROD);
        Submission gaveUp = decide("GaveUp0001", PROD);
        answer(accepted, new Outcome.Accepted("arn:aws:sagemaker:us-east-2:111111111111:pipeline/p/execution/e", null));
        answer(refused, new Outcome.Refused("ValidationException", "no", "Check the token.", "r1"));
        answer(unknown, new Outcome.Unknown("SocketTimeout", null, "No answer; retried."));
        answer(notSent, new Outcome.NotSent("CircuitOpen", "Not sent: 5 calls in a row timed out."));
        answer(gaveUp, new Outcome.Unknown("GaveUp", "Retries stopped by alice", "Unknown."));

        assertThat(store.unsettledSubmissions(PROD)).containsExactly(unknown);
        assertThat(store.find(notSent.requestToken()).orElseThrow().outcome())
                .isEqualTo(new Outcome.NotSent("CircuitOpen", "Not sent: 5 calls in a row timed out."));
        assertThat(store.latestUnsettledFor(notSent.token(), PROD)).isEmpty();
    }

    @Test
    void theLatestUnsettledDecisionOnATokenIsFoundOnItsOwnConnectionOnly() {
        CallbackToken token = CallbackToken.of("SharedTok1");
        Submission older = decide(token.value(), PROD);
        Submission newer = decide(token.value(), PROD);
        Submission elsewhere = decide(token.value(), STAGING);

        assertThat(store.latestUnsettledFor(token, PROD)).contains(newer);
        assertThat(store.latestUnsettledFor(token, STAGING)).contains(elsewhere);
        assertThat(store.latestUnsettledFor(token, ConnectionId.sandbox())).isEmpty();

        answer(newer, new Outcome.Accepted("arn:aws:sagemaker:us-east-2:111111111111:pipeline/p/execution/e", null));
        assertThat(store.latestUnsettledFor(token, PROD)).contains(older);
        assertThat(store.latestUnsettledFor(CallbackToken.of("OtherTok01"), PROD)).isEmpty();
    }

    @Test
    void aTokenIsAnsweredOnlyOnTheConnectionThatAcceptedIt() {
        Submission onStaging = decide("SharedTok2", STAGING);
        answer(onStaging, new Outcome.Accepted("arn:aws:sagemaker:us-east-2:222222222222:pipeline/p/execution/e", null));

        assertThat(store.answered(onStaging.token(), STAGING)).isTrue();
        assertThat(store.answered(onStaging.token(), PROD))
                .as("a leftover message on prod is not deleted because staging answered the same token").isFalse();
        assertThat(store.answered(onStaging.token(), ConnectionId.sandbox())).isFalse();
    }

    @Test
    void otherConnectionsUnsettledDecisionsAreCountedPerConnectionOldestFirst() {
        decide("StageTokA1", STAGING);
        decide("ProdTokenA", PROD);
        Submission settled = decide("StageTokA2", STAGING);
        decide("StageTokA3", ConnectionId.aws("222222222222", "us-east-2", null, "staging-admin@us-east-2"));
        decide("SandboxTk1", ConnectionId.sandbox());
        answer(settled, new Outcome.Refused("ResourceNotFound", "gone", "Dismiss it.", null));

        assertThat(store.unsettledElsewhere(PROD)).containsExactly(
                new UnsettledElsewhere(STAGING, 2), new UnsettledElsewhere(ConnectionId.sandbox(), 1));
        assertThat(store.unsettledElsewhere(ConnectionId.sandbox())).containsExactly(
                new UnsettledElsewhere(STAGING, 2), new UnsettledElsewhere(PROD, 1));
        assertThat(store.unsettledElsewhere(STAGING)).containsExactly(
                new UnsettledElsewhere(PROD, 1), new UnsettledElsewhere(ConnectionId.sandbox(), 1));
    }
}
