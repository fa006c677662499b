package io.callbackconsole.triage;

import io.callbackconsole.aws.AwsClientFactory;
import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.aws.SageMakerPipelineReader;
import io.callbackconsole.domain.DeclaredCallbackStep;
import java.util.List;
import java.util.TreeSet;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/**
 * Finds the SQS queues callback steps send to, from the pipeline definitions (DescribePipeline of every pipeline
 * ListPipelines names), so an operator can watch all of them at once. Blocking.
 */
public final class CallbackQueueDiscovery {
    private CallbackQueueDiscovery() {
    }

    /** Every distinct {@code SqsQueueUrl} of a {@code Callback} step, sorted. */
    public static List<String> queueUrls(SageMakerPipelineReader reader) {
        TreeSet<String> urls = new TreeSet<>();
        for (String pipeline : reader.pipelineNames()) {
            for (DeclaredCallbackStep step : reader.describePipeline(pipeline).callbackSteps()) {
                if (step.queueUrl() != null && !step.queueUrl().isBlank()) {
                    urls.add(step.queueUrl());
                }
            }
        }
        return List.copyOf(urls);
    }

    /**
     * With clients opened for {@code settings} and closed again: for the connection dialog, before any session
     * uses those settings.
     *
     * @throws RuntimeException the SDK's or the factory's, for the caller to explain
     */
    public static List<String> queueUrls(ConnectionSettings settings) {
        try (AwsClientFactory clients = AwsClientFactory.create(settings);
             SageMakerClient sageMaker = clients.sageMaker()) {
            return queueUrls(new SageMakerPipelineReader(sageMaker));
        }
    }
}
