package io.callbackconsole.aws;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.OutputParameters;
import io.callbackconsole.domain.Submission;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
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
 */
public final class SageMakerCallbackGateway {
    private static final Logger log = LoggerFactory.getLogger(SageMakerCallbackGateway.class);

    private final SageMakerClient sageMaker;
    private final AwsErrorExplainer explainer;

    public SageMakerCallbackGateway(SageMakerClient sageMaker, AwsErrorExplainer explainer) {
        this.sageMaker = Objects.requireNonNull(sageMaker, "sageMaker");
        this.explainer = Objects.requireNonNull(explainer, "explainer");
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
        try {
            SageMakerResponse response = call.get();
            String requestId = response.responseMetadata().requestId();
            String returnedArn = response instanceof SendPipelineExecutionStepFailureResponse failure
                    ? failure.pipelineExecutionArn()
                    : ((SendPipelineExecutionStepSuccessResponse) response).pipelineExecutionArn();
            if (returnedArn == null || returnedArn.isBlank()) {
                // Accepted all the same (HTTP 200); record the execution the decision was meant for.
                log.warn("SageMaker accepted token {} (request {}) but named no execution; recording {}",
                        submission.token(), requestId, submission.executionArn());
                // With no ARN known either (a token answered without its message), the record says "none".
                returnedArn = submission.executionArn() == null ? "" : submission.executionArn().value();
            }
            log.info("SageMaker accepted {} of token {} for {} (request {})", what, submission.token(), returnedArn,
                    requestId);
            return new Outcome.Accepted(returnedArn, requestId);
        } catch (SdkException e) {
            OperatorError error = explainer.explain(e);
            if (error.code().startsWith("ResourceNotFound")) {
                // The token is the only resource this call names, whatever wording the service chose.
                error = new OperatorError(error.code(), error.serviceMessage(), AwsErrorExplainer.UNKNOWN_CALLBACK_TOKEN,
                        error.requestId(), error.answered());
            }
            log.warn("{} of token {} not confirmed: {} {} (request {})", what, submission.token(), error.code(),
                    error.serviceMessage(), error.requestId());
            return error.answered()
                    ? new Outcome.Refused(error.code(), error.serviceMessage(), error.explanation(), error.requestId())
                    : new Outcome.Unknown(error.code(), error.serviceMessage(), error.explanation());
        }
    }
}
