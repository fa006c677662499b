package io.callbackconsole.domain;

/**
 * The reason sent with SendPipelineExecutionStepFailure. SageMaker accepts at most 256 characters, counted as Unicode
 * code points (the service model's length rule), so an emoji counts once here as it does there.
 *
 * <p>New text ({@link #of}, {@link #problemWith}) must also be one line free of control and text-direction
 * characters ({@link UnsafeCharacter}): SageMaker shows it as the step's failure reason, and the history prints it
 * for auditors. The constructor checks only SageMaker's limits, so a reason an older console journaled can still be
 * read back and sent again exactly as it was (a retry under the same ClientRequestToken must repeat the same call).
 */
public record FailureReason(String text) {
    public static final int MAX_LENGTH = 256;

    public FailureReason {
        String problem = limitProblemWith(text);
        if (problem != null) {
            throw new InvalidInputException(problem);
        }
    }

    /**
     * A reason typed by an operator or given on a command line.
     *
     * @throws InvalidInputException when it is blank, too long, or holds a line break or a control or
     *     text-direction character (the message names it, says where, and what to do)
     */
    public static FailureReason of(String text) {
        String problem = problemWith(text);
        if (problem != null) {
            throw new InvalidInputException(problem);
        }
        return new FailureReason(text);
    }

    /**
     * A reason from text the console wrote itself around text from outside (a note, an output summary, a stale
     * reason): unsafe characters are escaped as {@link DisplayText} shows them, never refused, and the result is cut
     * to the limit with an ellipsis if longer (never inside an escape).
     */
    public static FailureReason shortened(String text) {
        if (text == null || text.isBlank()) {
            return of(text);
        }
        StringBuilder reason = new StringBuilder();
        int length = 0;
        int[] codePoints = text.codePoints().toArray();
        for (int i = 0; i < codePoints.length; i++) {
            String shown = DisplayText.escape(codePoints[i]);
            int shownLength = lengthOf(shown);
            // Room is kept for the ellipsis unless this is the last character.
            int room = i == codePoints.length - 1 ? MAX_LENGTH : MAX_LENGTH - 1;
            if (length + shownLength > room) {
                return of(reason + "…");
            }
            reason.append(shown);
            length += shownLength;
        }
        return of(reason.toString());
    }

    public static int lengthOf(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    /** Why the text cannot be sent as a new failure reason, or null when it can. */
    public static String problemWith(String text) {
        String problem = limitProblemWith(text);
        if (problem != null) {
            return problem;
        }
        return UnsafeCharacter.firstIn(text).map(c -> c.problemIn("The failure reason")).orElse(null);
    }

    private static String limitProblemWith(String text) {
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
