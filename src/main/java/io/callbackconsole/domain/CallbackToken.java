package io.callbackconsole.domain;

import java.util.regex.Pattern;

/** The token a SageMaker Pipelines callback step hands out: exactly 10 ASCII letters or digits. */
public record CallbackToken(String value) implements Comparable<CallbackToken> {
    public static final int LENGTH = 10;
    private static final Pattern SHAPE = Pattern.compile("[a-zA-Z0-9]{10}");

    public CallbackToken {
        if (value == null || value.isEmpty()) {
            throw new InvalidInputException("A callback token is required: copy the 10-character token from the callback message.");
        }
        if (!SHAPE.matcher(value).matches()) {
            throw new InvalidInputException(describeProblem(value));
        }
    }

    public static CallbackToken of(String value) {
        return new CallbackToken(value);
    }

    public static boolean isValid(String value) {
        return value != null && SHAPE.matcher(value).matches();
    }

    private static String describeProblem(String value) {
        int length = value.codePointCount(0, value.length());
        if (length != LENGTH) {
            return "A callback token has exactly 10 letters or digits; \"" + abbreviate(value) + "\" has " + length
                    + ". Copy the whole token from the callback message.";
        }
        return "A callback token has only letters A-Z, a-z and digits 0-9; \"" + abbreviate(value)
                + "\" has other characters. Copy the token exactly as the callback message shows it.";
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }

    @Override
    public int compareTo(CallbackToken other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
