package io.callbackconsole.domain;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code arn:<partition>:sagemaker:<region>:<account>:pipeline/<name>/execution/<id>}. */
public record PipelineExecutionArn(String value) {
    private static final Pattern SHAPE = Pattern.compile(
            "arn:(aws[a-z-]*):sagemaker:([a-z0-9-]*):([0-9]{12}):pipeline/([^/]+)/execution/([^/]+)");

    public PipelineExecutionArn {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new InvalidInputException("\"" + value + "\" is not a SageMaker pipeline execution ARN "
                    + "(arn:aws:sagemaker:REGION:ACCOUNT:pipeline/NAME/execution/ID).");
        }
    }

    public static PipelineExecutionArn of(String value) {
        return new PipelineExecutionArn(value);
    }

    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    private Matcher parts() {
        Matcher m = SHAPE.matcher(value);
        if (!m.matches()) {
            throw new IllegalStateException("validated in the constructor");
        }
        return m;
    }

    public String partition() {
        return parts().group(1);
    }

    public String region() {
        return parts().group(2);
    }

    public String accountId() {
        return parts().group(3);
    }

    public String pipelineName() {
        return parts().group(4);
    }

    public String executionId() {
        return parts().group(5);
    }

    /** The ARN of the pipeline this execution belongs to. */
    public String pipelineArn() {
        return value.substring(0, value.indexOf("/execution/"));
    }

    @Override
    public String toString() {
        return value;
    }
}
