package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expressions of a pipeline definition, as the SageMaker Python SDK writes them into step arguments:
 * {@code {"Get": "Parameters.X"}}, {@code {"Get": "Execution.PipelineExecutionId"}} (and {@code PipelineExecutionArn},
 * {@code PipelineName}, {@code PipelineArn}, {@code StartDateTime}, {@code CurrentDateTime}), {@code {"Get": "Steps.S.OutputParameters['o']"}} or any other
 * property path of a step, and {@code {"Std:Join": {"On": ",", "Values": [...]}}}. Anything else in the arguments is a
 * literal. {@code Std:JsonGet} reads a property file in S3, which the sandbox has none of: it is named as such when
 * it is evaluated.
 */
final class PipelineExpressions {
    static final String GET = "Get";
    static final String JOIN = "Std:Join";
    static final String JSON_GET = "Std:JsonGet";
    /** {@code Steps.<name>.<path>}: a step name ends at the first dot or bracket. */
    private static final Pattern STEP_REFERENCE = Pattern.compile("Steps\\.([^.\\[]+)(?:\\.(.+))?");
    private static final Pattern OUTPUT_PARAMETER = Pattern.compile("OutputParameters\\['([^']*)'\\]");
    private static final List<String> EXECUTION_PROPERTIES = List.of("Execution.PipelineExecutionId",
            "Execution.PipelineExecutionArn", "Execution.PipelineName", "Execution.PipelineArn",
            "Execution.StartDateTime", "Execution.CurrentDateTime");

    private PipelineExpressions() {
    }

    /** What an expression can read while an execution runs. */
    interface Scope {
        /** The typed value of a declared parameter. */
        JsonNode parameter(String name);

        String executionArn();

        String executionId();

        String pipelineName();

        String pipelineArn();

        Instant startTime();

        Instant now();

        /**
         * A property of a step of this execution, by its path after the step name ({@code OutputParameters['o']}).
         *
         * @throws EvaluationException when the step has not run or does not have that property
         */
        JsonNode stepProperty(String stepName, String path);
    }

    /** An expression that cannot be evaluated in this execution; the message names it. */
    static final class EvaluationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EvaluationException(String message) {
            super(message);
        }
    }

    /** One {@code Get} of a definition, and where it is ("Steps[2].Arguments.threshold"). */
    record Reference(String expression, String place) {
        /** The parameter it reads, or null. */
        String parameterName() {
            return expression.startsWith("Parameters.") ? expression.substring("Parameters.".length()) : null;
        }

        /** The step it reads, or null. */
        String stepName() {
            Matcher m = STEP_REFERENCE.matcher(expression);
            return m.matches() ? m.group(1) : null;
        }

        /** Whether the expression has a form this simulator knows: a parameter, an execution property, a step. */
        boolean known() {
            return parameterName() != null || EXECUTION_PROPERTIES.contains(expression) || stepName() != null;
        }
    }

    /** Every {@code Get} in {@code node}, depth first, with its place below {@code place}. */
    static List<Reference> references(JsonNode node, String place) {
        List<Reference> found = new ArrayList<>();
        collect(node, place, (expression, at) -> found.add(new Reference(expression, at)));
        return found;
    }

    private static void collect(JsonNode node, String place, BiConsumer<String, String> found) {
        if (isGet(node)) {
            found.accept(node.get(GET).textValue(), place);
        } else if (node.isObject()) {
            node.properties().forEach(e -> collect(e.getValue(), place + "." + e.getKey(), found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), place + "[" + i + "]", found);
            }
        }
    }

    /**
     * {@code node} with every expression replaced by its value.
     *
     * @throws EvaluationException when one cannot be evaluated
     */
    static JsonNode evaluate(JsonNode node, Scope scope) {
        if (isGet(node)) {
            return get(node.get(GET).textValue(), scope);
        }
        if (node.isObject() && node.size() == 1 && node.has(JOIN)) {
            return join(node.get(JOIN), scope);
        }
        if (node.isObject() && node.size() == 1 && node.has(JSON_GET)) {
            throw new EvaluationException("Std:JsonGet reads a property file from S3, which the sandbox does not"
                    + " have; give the value as a parameter or a callback step's output instead");
        }
        if (node.isObject()) {
            ObjectNode copy = JsonNodeFactory.instance.objectNode();
            node.properties().forEach(e -> copy.set(e.getKey(), evaluate(e.getValue(), scope)));
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = JsonNodeFactory.instance.arrayNode();
            node.forEach(item -> copy.add(evaluate(item, scope)));
            return copy;
        }
        return node;
    }

    /** The value as text, as {@code Std:Join} and string comparisons see it. */
    static String text(JsonNode value) {
        return value.isValueNode() ? value.asText() : value.toString();
    }

    private static boolean isGet(JsonNode node) {
        return node.isObject() && node.size() == 1 && node.has(GET) && node.get(GET).isTextual();
    }

    private static JsonNode get(String expression, Scope scope) {
        if (expression.startsWith("Parameters.")) {
            JsonNode value = scope.parameter(expression.substring("Parameters.".length()));
            if (value == null) {
                throw new EvaluationException("Get " + expression + ": the pipeline has no such parameter");
            }
            return value;
        }
        switch (expression) {
            case "Execution.PipelineExecutionId" -> {
                return TextNode.valueOf(scope.executionId());
            }
            case "Execution.PipelineExecutionArn" -> {
                return TextNode.valueOf(scope.executionArn());
            }
            case "Execution.PipelineName" -> {
                return TextNode.valueOf(scope.pipelineName());
            }
            case "Execution.PipelineArn" -> {
                return TextNode.valueOf(scope.pipelineArn());
            }
            case "Execution.StartDateTime" -> {
                return TextNode.valueOf(scope.startTime().toString());
            }
            case "Execution.CurrentDateTime" -> {
                return TextNode.valueOf(scope.now().toString());
            }
            default -> {
            }
        }
        Matcher step = STEP_REFERENCE.matcher(expression);
        if (step.matches()) {
            return scope.stepProperty(step.group(1), step.group(2) == null ? "" : step.group(2));
        }
        throw new EvaluationException("Get " + expression + ": the sandbox reads Parameters.*, Execution.* and"
                + " Steps.* only");
    }

    private static JsonNode join(JsonNode arguments, Scope scope) {
        JsonNode on = arguments.path("On");
        JsonNode values = arguments.path("Values");
        if (!values.isArray()) {
            throw new EvaluationException("Std:Join needs a list of Values");
        }
        List<String> parts = new ArrayList<>();
        values.forEach(value -> parts.add(text(evaluate(value, scope))));
        return TextNode.valueOf(String.join(on.isMissingNode() || on.isNull() ? "" : text(on), parts));
    }

    /**
     * The name of a callback (or Lambda) step's output that {@code path} reads, or null when it reads another
     * property.
     */
    static String outputParameterName(String path) {
        Matcher m = OUTPUT_PARAMETER.matcher(path);
        return m.matches() ? m.group(1) : null;
    }
}
