package io.callbackconsole.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The output parameters of an approval (SendPipelineExecutionStepSuccess), within the API's limits: at most 50, each
 * name 1–256 and each value at most 1024 characters (counted as code points, as the service counts), names unique.
 * One that exists is within those limits.
 *
 * <p>New values ({@link #of}, {@link #problemsWith}, {@link #fromDeclared}) must also hold no control or
 * text-direction character ({@link UnsafeCharacter}) in a name or a value: the service documents no field that takes
 * line breaks, and the history prints both for auditors. The constructor checks only the limits, so outputs an older
 * console journaled can be read back and sent again exactly as they were.
 */
public record OutputParameters(List<OutputParameter> values) {
    public static final int MAX_COUNT = 50;
    public static final int MAX_NAME_LENGTH = 256;
    public static final int MAX_VALUE_LENGTH = 1024;

    public OutputParameters {
        values = List.copyOf(values);
        List<String> problems = limitProblemsWith(values);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join(" ", problems));
        }
    }

    public static OutputParameters none() {
        return new OutputParameters(List.of());
    }

    /**
     * Output parameters an operator gave.
     *
     * @throws InvalidInputException naming every problem {@link #problemsWith} finds
     */
    public static OutputParameters of(List<OutputParameter> values) {
        List<String> problems = problemsWith(values);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join(" ", problems));
        }
        return new OutputParameters(values);
    }

    /** What is wrong with these values as new output parameters; empty when nothing is. */
    public static List<String> problemsWith(List<OutputParameter> values) {
        List<String> problems = limitProblemsWith(values);
        for (OutputParameter p : values) {
            String name = p.name() == null ? "" : p.name();
            UnsafeCharacter.firstIn(name).ifPresent(c -> problems.add(c.problemIn("An output parameter name")));
            UnsafeCharacter.firstIn(p.value()).ifPresent(c -> problems.add(
                    c.problemIn("The value of output parameter '" + DisplayText.escape(name) + "'")));
        }
        return problems;
    }

    private static List<String> limitProblemsWith(List<OutputParameter> values) {
        List<String> problems = new ArrayList<>();
        if (values.size() > MAX_COUNT) {
            problems.add("There are " + values.size() + " output parameters; SageMaker accepts at most " + MAX_COUNT
                    + ". Remove " + (values.size() - MAX_COUNT) + ".");
        }
        Set<String> seen = new HashSet<>();
        for (OutputParameter p : values) {
            String name = p.name() == null ? "" : p.name();
            int nameLength = FailureReason.lengthOf(name);
            if (name.isBlank()) {
                problems.add("An output parameter has no name; give each one a name.");
            } else if (nameLength > MAX_NAME_LENGTH) {
                problems.add("The output parameter name '" + DisplayText.escape(name.substring(0, 20)) + "…' has "
                        + nameLength + " characters; SageMaker accepts at most " + MAX_NAME_LENGTH + ".");
            } else if (!seen.add(name)) {
                problems.add("The output parameter '" + DisplayText.escape(name) + "' is given twice; keep one.");
            }
            int valueLength = FailureReason.lengthOf(p.value());
            if (p.value() == null) {
                problems.add("Output parameter '" + DisplayText.escape(name) + "' has no value.");
            } else if (valueLength > MAX_VALUE_LENGTH) {
                problems.add("The value of '" + DisplayText.escape(name) + "' has " + valueLength
                        + " characters; SageMaker accepts at most " + MAX_VALUE_LENGTH
                        + ". Shorten it by " + (valueLength - MAX_VALUE_LENGTH) + ".");
            }
        }
        return problems;
    }

    /**
     * Checks typed-in values against the step's declared outputs: each value must be of its declared type and
     * within the limits. Empty values are left out (the step then gets no value for that output).
     *
     * @param typed values by output name, as the operator typed them
     * @return the problem with each output by name (in declaration order); empty when all are fine
     */
    public static Map<String, String> problemsByName(List<DeclaredOutput> declared, Map<String, String> typed) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (DeclaredOutput output : declared) {
            String value = typed.get(output.name());
            if (value == null || value.isEmpty()) {
                continue;
            }
            String typeProblem = output.type().problemWith(value);
            UnsafeCharacter unsafe = UnsafeCharacter.firstIn(value).orElse(null);
            if (unsafe != null) {
                problems.put(output.name(), unsafe.problemIn("The value of " + DisplayText.escape(output.name())));
            } else if (typeProblem != null) {
                problems.put(output.name(), output.name() + " is declared " + output.type().wireValue() + ": it "
                        + typeProblem + ", not '" + value + "'.");
            } else if (FailureReason.lengthOf(value) > MAX_VALUE_LENGTH) {
                problems.put(output.name(), "The value of " + output.name() + " has " + FailureReason.lengthOf(value)
                        + " characters; SageMaker accepts at most " + MAX_VALUE_LENGTH + ".");
            }
        }
        return problems;
    }

    /**
     * The output parameters from typed-in values, declared order, empty values left out.
     *
     * @throws InvalidInputException naming every value that is not of its declared type, too long, or holds a
     *     control or text-direction character
     */
    public static OutputParameters fromDeclared(List<DeclaredOutput> declared, Map<String, String> typed) {
        Map<String, String> problems = problemsByName(declared, typed);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join(" ", problems.values()));
        }
        List<OutputParameter> values = new ArrayList<>();
        for (DeclaredOutput output : declared) {
            String value = typed.get(output.name());
            if (value != null && !value.isEmpty()) {
                // Booleans and numbers go as the step reads them: trimmed.
                values.add(new OutputParameter(output.name(),
                        output.type() == OutputType.STRING ? value : value.trim()));
            }
        }
        return new OutputParameters(values);
    }

    /** {@code name=value, ...} for a reason line and the history. */
    public String summary() {
        StringBuilder text = new StringBuilder();
        for (OutputParameter p : values) {
            text.append(text.length() == 0 ? "" : ", ").append(p.name()).append('=').append(p.value());
        }
        return text.toString();
    }
}
