package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * The conditions of a {@code Condition} step, as the SageMaker Python SDK writes them: {@code Equals},
 * {@code GreaterThan}, {@code GreaterThanOrEqualTo}, {@code LessThan}, {@code LessThanOrEqualTo} (with
 * {@code LeftValue} and {@code RightValue}), {@code In} ({@code QueryValue}, {@code Values}), {@code Not}
 * ({@code Expression}) and {@code Or} ({@code Conditions}). A step's list of conditions holds when every one does.
 * Values are compared as numbers when both sides read as numbers (a callback output "0.91" against a Float
 * parameter), else as text.
 */
final class PipelineConditions {
    private static final List<String> COMPARISONS = List.of("Equals", "GreaterThan", "GreaterThanOrEqualTo",
            "LessThan", "LessThanOrEqualTo");

    private PipelineConditions() {
    }

    /**
     * Checks the shape of a step's conditions.
     *
     * @return what is wrong and where ("Conditions[1].Type 'Bigger' is not a condition type"), or empty
     */
    static Optional<String> problemIn(JsonNode conditions, String place) {
        if (!conditions.isArray() || conditions.isEmpty()) {
            return Optional.of(place + " must be a non-empty list of conditions");
        }
        for (int i = 0; i < conditions.size(); i++) {
            Optional<String> problem = problemInOne(conditions.get(i), place + "[" + i + "]");
            if (problem.isPresent()) {
                return problem;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> problemInOne(JsonNode condition, String place) {
        String type = condition.path("Type").asText("");
        if (COMPARISONS.contains(type)) {
            return condition.has("LeftValue") && condition.has("RightValue") ? Optional.empty()
                    : Optional.of(place + " (" + type + ") needs LeftValue and RightValue");
        }
        return switch (type) {
            case "In" -> condition.has("QueryValue") && condition.path("Values").isArray() ? Optional.empty()
                    : Optional.of(place + " (In) needs QueryValue and a list of Values");
            case "Not" -> condition.path("Expression").isObject()
                    ? problemInOne(condition.get("Expression"), place + ".Expression")
                    : Optional.of(place + " (Not) needs an Expression");
            case "Or" -> problemIn(condition.path("Conditions"), place + ".Conditions");
            default -> Optional.of(place + ".Type '" + type + "' is not a condition type; expected one of "
                    + COMPARISONS + ", In, Not, Or");
        };
    }

    /** Whether every condition holds, on the values the execution has now. */
    static boolean allHold(JsonNode conditions, PipelineExpressions.Scope scope) {
        for (JsonNode condition : conditions) {
            if (!holds(condition, scope)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(JsonNode condition, PipelineExpressions.Scope scope) {
        String type = condition.path("Type").asText();
        switch (type) {
            case "Not" -> {
                return !holds(condition.get("Expression"), scope);
            }
            case "Or" -> {
                for (JsonNode any : condition.get("Conditions")) {
                    if (holds(any, scope)) {
                        return true;
                    }
                }
                return false;
            }
            case "In" -> {
                JsonNode query = PipelineExpressions.evaluate(condition.get("QueryValue"), scope);
                for (JsonNode value : condition.get("Values")) {
                    if (compare(query, PipelineExpressions.evaluate(value, scope)) == 0) {
                        return true;
                    }
                }
                return false;
            }
            default -> {
                int order = compare(PipelineExpressions.evaluate(condition.get("LeftValue"), scope),
                        PipelineExpressions.evaluate(condition.get("RightValue"), scope));
                return switch (type) {
                    case "Equals" -> order == 0;
                    case "GreaterThan" -> order > 0;
                    case "GreaterThanOrEqualTo" -> order >= 0;
                    case "LessThan" -> order < 0;
                    case "LessThanOrEqualTo" -> order <= 0;
                    default -> throw new IllegalStateException("unchecked condition type " + type);
                };
            }
        }
    }

    /** Numbers by value, booleans and text by their text. */
    static int compare(JsonNode left, JsonNode right) {
        Optional<BigDecimal> leftNumber = number(left);
        Optional<BigDecimal> rightNumber = number(right);
        if (leftNumber.isPresent() && rightNumber.isPresent()) {
            return leftNumber.get().compareTo(rightNumber.get());
        }
        return PipelineExpressions.text(left).compareTo(PipelineExpressions.text(right));
    }

    private static Optional<BigDecimal> number(JsonNode value) {
        if (value.isNumber()) {
            return Optional.of(value.decimalValue());
        }
        if (value.isTextual()) {
            try {
                return Optional.of(new BigDecimal(value.textValue().trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
