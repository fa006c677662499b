package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.PipelineExecutionArn;

/** Addresses of the AWS console pages an operator may want to open, for the execution's own partition and region. */
final class AwsConsoleLinks {
    private AwsConsoleLinks() {
    }

    /** The SageMaker console page of a pipeline execution, in the region the ARN names. */
    static String execution(PipelineExecutionArn arn) {
        String host = switch (arn.partition()) {
            case "aws-us-gov" -> "console.amazonaws-us-gov.com";
            case "aws-cn" -> "console.amazonaws.cn";
            default -> arn.region() + ".console.aws.amazon.com";
        };
        return "https://" + host + "/sagemaker/home?region=" + arn.region() + "#/pipelines/" + arn.pipelineName()
                + "/executions/" + arn.executionId();
    }
}
