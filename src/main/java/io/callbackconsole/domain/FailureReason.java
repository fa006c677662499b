package io.callbackconsole.domain;

/**
 * The reason sent with SendPipelineExecutionStepFailure. SageMaker accepts at most 256 characters, counted as Unicode
 * code points (the service model's length rule), so an emoji counts once here as it does there.
 */
public record FailureReason(String text) {
    public static final int MAX_LENGTH = 256;

    public FailureReason {
        String problem = problemWith(text);
        if (problem != null) {
            throw new InvalidInputException(problem);
        }
    }

    public static FailureReason of(String text) {
        return new FailureReason(text);
    }

    /** A reason from text the console wrote itself (a note, a summary): cut to the limit with an ellipsis if longer. */
    public static FailureReason shortened(String text) {
        return of(lengthOf(text) <= MAX_LENGTH ? text
                : text.substring(0, text.offsetByCodePoints(0, MAX_LENGTH - 1)) + "…");
    }

    public static int lengthOf(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    /** Why the text cannot be sent as a failure reason, or null when it can. */
    public static String problemWith(String text) {
        if (text == null || text.isBlank()) {
            return "Type a failure reason: it is shown in SageMaker as the reason the step failed.";
        }
        int length = lengthOf(text);
        if (length > MAX_LENGTH) {
            return "The failure reason has " + length + " characters; SageMaker accepts at most " + MAX_LENGTH
                    + ". Shorten it by " + (length - MAX_LENGTH) + ".";
        }
        return null;
    }

    @Override
    public String toString() {
        return text;
    }
}
