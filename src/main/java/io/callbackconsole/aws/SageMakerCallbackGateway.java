package io.callbackconsole.aws;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.Submission;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import io.callbackconsole.aws.signin.CredentialProblems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.OutputParameter;
import software.amazon.awssdk.services.sagemaker.model.SageMakerResponse;
import software.amazon.awssdk.services.sagemaker.model.SendPipelineExecutionStepFailureResponse;
import software.amazon.awssdk.services.sagemaker.model.SendPipelineExecutionStepSuccessResponse;

/**
 * Sends operator decisions to SageMaker and reports what came of them as an {@link Outcome}. Never throws for AWS or
 * network errors: a refusal or a missing answer is an outcome to journal, not an exception. Thread-safe; does not own
 * the client.
 *
 * <p>What an answer means (DESIGN.md): HTTP 200 naming an execution is {@link Outcome.Accepted} with exactly the ARN
 * SageMaker returned, also when it is not the submission's ({@link #mismatched}); a modelled 4xx refusal is
 * {@link Outcome.Refused}; everything else (5xx, an unreadable or truncated body, a 200 without an ARN, a time-out, a
 * cut connection) is {@link Outcome.Unknown}, settled by sending the same request token again. A credential problem
 * (signed out, an expired session, an MFA code needed) sends nothing; it is {@link Outcome.Unknown} too, so the
 * decision is kept and sent after the operator signs in, never recorded as refused.
 */
public final class SageMakerCallbackGateway {
    private static final Logger log = LoggerFactory.getLogger(SageMakerCallbackGateway.class);

    private final SageMakerClient sageMaker;
    private final AwsErrorExplainer explainer;
    private final CallDeadline deadline;

    /** The client's own deadline (from {@link AwsClientFactory}) is named in time-out explanations. */
    public SageMakerCallbackGateway(SageMakerClient sageMaker, AwsErrorExplainer explainer) {
        this.sageMaker = Objects.requireNonNull(sageMaker, "sageMaker");
        this.explainer = Objects.requireNonNull(explainer, "explainer");
        this.deadline = CallDeadline.of(sageMaker).orElse(null);
    }

    /**
     * True when SageMaker applied the decision to another execution than the one the submission was made for: the
     * token was not the message's, or the message lied about its execution. The decision stands (SageMaker applied
     * it), but the message it came from must not be taken as settled. False when the submission names no execution.
     */
    public static boolean mismatched(Submission submission, Outcome.Accepted accepted) {
        return submission.executionArn() != null
                && !submission.executionArn().value().equals(accepted.returnedExecutionArn());
    }

    /**
     * Calls SendPipelineExecutionStepFailure with the submission's token, reason and client request token. The SDK
     * retries throttling and transient errors with the same client request token, so SageMaker applies it once.
     */
    public Outcome sendFailure(Submission submission) {
        Objects.requireNonNull(submission, "submission");
        if (submission.action() != Action.FAIL) {
            throw new IllegalArgumentException("sendFailure takes FAIL submissions; got " + submission.action());
        }
        return send(submission, "failure", () -> sageMaker.sendPipelineExecutionStepFailure(b -> b
                .callbackToken(submission.token().value())
                .failureReason(submission.reason().text())
                .clientRequestToken(submission.requestToken().value())));
    }

    /**
     * Calls SendPipelineExecutionStepSuccess with the submission's token, the output parameters and the client
     * request token: the approval path. Retries are idempotent as for failures.
     */
    public Outcome sendSuccess(Submission submission, OutputParameters outputs) {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(outputs, "outputs");
        if (submission.action() != Action.APPROVE) {
            throw new IllegalArgumentException("sendSuccess takes APPROVE submissions; got " + submission.action());
        }
        List<OutputParameter> parameters = outputs.values().stream()
                .map(p -> OutputParameter.builder().name(p.name()).value(p.value()).build()).toList();
        return send(submission, "approval", () -> sageMaker.sendPipelineExecutionStepSuccess(b -> b
                .callbackToken(submission.token().value())
                .outputParameters(parameters)
                .clientRequestToken(submission.requestToken().value())));
    }

    private Outcome send(Submission submission, String what, Supplier<SageMakerResponse> call) {
        SageMakerResponse response;
        try {
            response = call.get();
        } catch (SdkException e) {
            OperatorError error = explainer.explain(e, deadline);
            if (error.kind().notFound()) {
                // The token is the only resource this call names, whatever wording the service chose.
                error = explainer.asUnknownCallbackToken(error);
            }
            log.warn("{} of token {} not confirmed: {} {} (request {})", what, submission.token(), error.code(),
                    error.serviceMessage(), error.requestId());
            if (CredentialProblems.find(e).isPresent()) {
                // Nothing left this machine, so nothing was refused: the decision stays unsettled and is sent, with
                // its own request token, once the operator has signed in again.
                OperatorError later = explainer.sentOnceSignedIn(error);
                return new Outcome.Unknown(later.code(), later.serviceMessage(), later.explanation());
            }
            return error.answered()
                    ? new Outcome.Refused(error.code(), error.serviceMessage(), error.explanation(), error.requestId())
                    : new Outcome.Unknown(error.code(), withRequestId(error.serviceMessage(), error.requestId()),
                            error.explanation());
        }
        String requestId = response.responseMetadata().requestId();
        String returnedArn = response instanceof SendPipelineExecutionStepFailureResponse failure
                ? failure.pipelineExecutionArn()
                : ((SendPipelineExecutionStepSuccessResponse) response).pipelineExecutionArn();
        if (returnedArn == null || returnedArn.isBlank()) {
            // SageMaker always names the execution; an answer without one is not SageMaker's word that it applied.
            log.warn("{} of token {}: HTTP 200 without a PipelineExecutionArn (request {}); outcome unknown", what,
                    submission.token(), requestId);
            OperatorError noArn = explainer.answerWithoutArn(requestId);
            return new Outcome.Unknown(noArn.code(), withRequestId(noArn.serviceMessage(), requestId),
                    noArn.explanation());
        }
        Outcome.Accepted accepted = new Outcome.Accepted(returnedArn, requestId);
        if (mismatched(submission, accepted)) {
            log.warn("SageMaker applied the {} of token {} to {}, not to {} as its message said (request {})", what,
                    submission.token(), returnedArn, submission.executionArn(), requestId);
        } else {
            log.info("SageMaker accepted {} of token {} for {} (request {})", what, submission.token(), returnedArn,
                    requestId);
        }
        return accepted;
    }

    private static String withRequestId(String message, String requestId) {
        if (requestId == null || requestId.isBlank()) {
            return message;
        }
        return (message == null ? "" : message + " ") + "(request " + requestId + ")";
    }
}
