package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.aws.AwsErrorExplainer;
import io.callbackconsole.aws.SageMakerPipelineReader;
import io.callbackconsole.domain.CallbackMessage;
import io.callbackconsole.domain.CallbackStatus;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.QueueMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.CallbackStepMetadata;
import software.amazon.awssdk.services.sagemaker.model.DescribePipelineExecutionRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribePipelineExecutionResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribePipelineRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribePipelineResponse;
import software.amazon.awssdk.services.sagemaker.model.ListPipelineExecutionStepsRequest;
import software.amazon.awssdk.services.sagemaker.model.ListPipelineExecutionStepsResponse;
import software.amazon.awssdk.services.sagemaker.model.ListPipelineParametersForExecutionRequest;
import software.amazon.awssdk.services.sagemaker.model.ListPipelineParametersForExecutionResponse;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStep;
import software.amazon.awssdk.services.sagemaker.model.PipelineExecutionStepMetadata;

/** Look-ups that finish before {@link ExecutionContextCache#refresh} returns, as a same-thread executor runs them. */
class ExecutionContextCacheTest {
    static final Duration TIME_TO_LIVE = Duration.ofSeconds(30);
    static final CallbackToken TOKEN = CallbackToken.of("26vcYbeWsZ");
    static final PipelineExecutionArn EXECUTION = PipelineExecutionArn.of(
            "arn:aws:sagemaker:us-east-2:012345678901:pipeline/callback-pipeline/execution/7pinimwddh3a");

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final FakeSageMaker sageMaker = new FakeSageMaker();
    final ExecutionContextCache cache = new ExecutionContextCache(new SageMakerPipelineReader(sageMaker),
            new AwsErrorExplainer(), new ExecutionContextCache.Settings(TIME_TO_LIVE, 4, Duration.ofSeconds(5)), clock,
            new SameThreadExecutor());

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void aLookUpThatFinishesAtOnceIsLookedUpAgainOnceItsContextIsOld() {
        PendingCallback pending = pendingCallback();
        cache.refresh(List.of(EXECUTION));
        assertThat(cache.contextsFor(List.of(pending)).get(TOKEN).stale()).isFalse();

        sageMaker.stepStatus = "Succeeded";
        clock.advance(TIME_TO_LIVE.plusSeconds(1));
        cache.refresh(List.of(EXECUTION));

        assertThat(sageMaker.executionLookUps).as("looked up again after its time-to-live").hasValue(2);
        CallbackContext context = cache.contextsFor(List.of(pending)).get(TOKEN);
        assertThat(context.stale()).as("the step answered elsewhere is seen as stale").isTrue();
        assertThat(context.staleReason()).startsWith("step Succeeded");
    }

    @Test
    void aLookUpThatFinishesAtOnceIsLookedUpAgainOnDemand() {
        cache.refresh(List.of(EXECUTION));
        cache.expire(EXECUTION);
        cache.refresh(List.of(EXECUTION));
        cache.expireAll();
        cache.refresh(List.of(EXECUTION));

        assertThat(sageMaker.executionLookUps).hasValue(3);
    }

    @Test
    void aLookUpThatEscapesWithAnErrorIsLookedUpAgainAtTheNextRefresh() {
        sageMaker.failNextLookUp = true;
        cache.refresh(List.of(EXECUTION));
        assertThat(cache.contextsFor(List.of(pendingCallback())).get(TOKEN).lookup())
                .isEqualTo(CallbackContext.Lookup.PENDING);

        cache.refresh(List.of(EXECUTION));

        assertThat(sageMaker.executionLookUps).hasValue(2);
        assertThat(cache.contextsFor(List.of(pendingCallback())).get(TOKEN).lookup())
                .isEqualTo(CallbackContext.Lookup.FOUND);
    }

    /** What the poller's second snapshot of a tick rests on: one only when a look-up was due and came back. */
    @Test
    void lookUpsStartedSayWhetherAnyCameBackAndNoneAreDueWhileTheContextIsFresh() {
        ExecutionContextCache.Lookups first = cache.lookUpDue(List.of(EXECUTION));
        assertThat(first.none()).isFalse();
        assertThat(first.awaitResults()).as("the look-up came back").isTrue();
        assertThat(cache.contextsFor(List.of(pendingCallback())).get(TOKEN).lookup())
                .isEqualTo(CallbackContext.Lookup.FOUND);

        clock.advance(TIME_TO_LIVE.minusSeconds(1));
        ExecutionContextCache.Lookups fresh = cache.lookUpDue(List.of(EXECUTION));

        assertThat(fresh.none()).as("nothing due within the time-to-live").isTrue();
        assertThat(fresh.awaitResults()).isFalse();
        assertThat(sageMaker.executionLookUps).hasValue(1);
    }

    @Test
    void aFreshContextIsNotLookedUpAgain() {
        cache.refresh(List.of(EXECUTION));
        clock.advance(TIME_TO_LIVE.minusSeconds(1));
        cache.refresh(List.of(EXECUTION));

        assertThat(sageMaker.executionLookUps).hasValue(1);
    }

    static PendingCallback pendingCallback() {
        Instant sent = Instant.parse("2026-12-01T09:59:00Z");
        return PendingCallback.of(new CallbackMessage(TOKEN, EXECUTION, CallbackStatus.EXECUTING, "Executing", "{}", ""),
                new QueueMessage("http://localhost:9324/000000000000/manual-review", "id-1", "handle-1", "{}", sent,
                        sent, 1));
    }

    /** One execution waiting at one callback step; the test changes the step's status. */
    static final class FakeSageMaker implements SageMakerClient {
        final AtomicInteger executionLookUps = new AtomicInteger();
        volatile String stepStatus = "Executing";
        /** The next DescribePipelineExecution throws what no look-up catches (an Error, as a linkage problem is). */
        volatile boolean failNextLookUp;

        @Override
        public DescribePipelineResponse describePipeline(DescribePipelineRequest request) {
            return DescribePipelineResponse.builder().pipelineArn(EXECUTION.pipelineArn())
                    .pipelineName("callback-pipeline").pipelineDefinition("{\"Steps\": []}").build();
        }

        @Override
        public DescribePipelineExecutionResponse describePipelineExecution(DescribePipelineExecutionRequest request) {
            executionLookUps.incrementAndGet();
            if (failNextLookUp) {
                failNextLookUp = false;
                throw new LinkageError("simulated");
            }
            return DescribePipelineExecutionResponse.builder().pipelineExecutionArn(EXECUTION.value())
                    .pipelineArn(EXECUTION.pipelineArn()).pipelineExecutionStatus("Executing").build();
        }

        @Override
        public software.amazon.awssdk.services.sagemaker.model.DescribePipelineDefinitionForExecutionResponse
                describePipelineDefinitionForExecution(
                software.amazon.awssdk.services.sagemaker.model.DescribePipelineDefinitionForExecutionRequest request) {
            return software.amazon.awssdk.services.sagemaker.model.DescribePipelineDefinitionForExecutionResponse
                    .builder().pipelineDefinition("{\"Steps\": []}").build();
        }

        @Override
        public ListPipelineExecutionStepsResponse listPipelineExecutionSteps(ListPipelineExecutionStepsRequest request) {
            return ListPipelineExecutionStepsResponse.builder().pipelineExecutionSteps(PipelineExecutionStep.builder()
                    .stepName("ManualReview").stepStatus(stepStatus)
                    .metadata(PipelineExecutionStepMetadata.builder().callback(CallbackStepMetadata.builder()
                            .callbackToken(TOKEN.value()).build()).build())
                    .build()).build();
        }

        @Override
        public ListPipelineParametersForExecutionResponse listPipelineParametersForExecution(
                ListPipelineParametersForExecutionRequest request) {
            return ListPipelineParametersForExecutionResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return SERVICE_NAME;
        }

        @Override
        public void close() {
        }
    }

    /** Runs each task on the calling thread, before {@code execute} returns. */
    static final class SameThreadExecutor extends AbstractExecutorService {
        private volatile boolean shutDown;

        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
            shutDown = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shutDown = true;
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return shutDown;
        }

        @Override
        public boolean isTerminated() {
            return shutDown;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
