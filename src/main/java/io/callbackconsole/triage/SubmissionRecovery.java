package io.callbackconsole.triage;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles the decisions on this connection that a crash or a lost answer left without a known outcome: each is sent
 * again through the {@link DecisionProtocol} with its own client request token, so SageMaker answers as it did the
 * first time (or applies it now, once), and the answer is journaled. Stops early, leaving the rest unsettled, when
 * SageMaker gives no answer several times in a row. Blocking; runs when a session opens and as {@code recover}.
 */
public final class SubmissionRecovery {
    private static final Logger log = LoggerFactory.getLogger(SubmissionRecovery.class);

    private final DecisionProtocol protocol;
    private final int breakerLimit;

    /** One decision that was unsettled and what its repeat brought. */
    public record Recovered(SubmissionResult result) {
        public Recovered {
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(result.submission(), "a recovered result names its decision");
        }

        public Submission submission() {
            return result.submission();
        }

        /** SageMaker's answer, or null when the decision was not repeated. */
        public Outcome outcome() {
            return result.outcome();
        }

        /** True when the answer is known and on record. */
        public boolean settled() {
            return result.accepted() || result.status() == SubmissionResult.Status.REFUSED;
        }
    }

    /** The whole recovery: what each repeat brought, and how many decisions were left for lack of answers. */
    public record Run(List<Recovered> recovered, int notTried) {
        public Run {
            recovered = List.copyOf(recovered);
        }
    }

    SubmissionRecovery(DecisionProtocol protocol, int breakerLimit) {
        this.protocol = Objects.requireNonNull(protocol);
        this.breakerLimit = breakerLimit;
    }

    /** The decisions waiting to be settled, oldest first, without sending anything. */
    public List<Submission> unsettled() {
        return protocol.unsettledDecisions();
    }

    /** Repeats every unsettled decision once, oldest first, telling {@code each} as it goes. */
    public Run recoverAll(Consumer<Recovered> each) {
        List<Recovered> recovered = new ArrayList<>();
        CircuitBreaker breaker = new CircuitBreaker(breakerLimit);
        List<CallbackToken> tokens = protocol.unsettledDecisions().stream()
                .sorted(Comparator.comparing(Submission::decidedAt)).map(Submission::token).toList();
        int notTried = 0;
        for (CallbackToken token : tokens) {
            if (breaker.open()) {
                notTried++;
                continue;
            }
            SubmissionResult result = protocol.repeatUnsettled(token);
            if (result == null) {
                continue; // settled meanwhile, or being sent by a retry right now
            }
            // A repeated dismissal calls SageMaker not at all: its answer says nothing of whether SageMaker answers.
            if (result.outcome() != null && result.submission().action() != Action.DISMISS) {
                breaker.record(result.outcome());
            }
            log.info("Recovered decision {} on token {}: {}", result.submission().requestToken(), token,
                    result.status());
            Recovered one = new Recovered(result);
            recovered.add(one);
            each.accept(one);
        }
        if (notTried > 0) {
            log.warn("Recovery stopped after {} unanswered repeats in a row; {} decision(s) left unsettled",
                    breaker.limit(), notTried);
        }
        return new Run(recovered, notTried);
    }
}
