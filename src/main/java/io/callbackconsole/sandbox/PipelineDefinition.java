package io.callbackconsole.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The parts of a SageMaker {@code PipelineDefinition} document the simulator runs: typed parameters with defaults,
 * and steps with their type, dependencies, arguments and (for {@code Callback} steps) the SQS queue URL.
 */
final class PipelineDefinition {
    static final String CALLBACK = "Callback";
    static final String FAIL = "Fail";
    private static final List<String> PARAMETER_TYPES = List.of("String", "Integer", "Float", "Boolean");

    private final List<Parameter> parameters;
    private final List<Step> steps;

    private PipelineDefinition(List<Parameter> parameters, List<Step> steps) {
        this.parameters = List.copyOf(parameters);
        this.steps = List.copyOf(steps);
    }

    /**
     * Parses and checks a definition.
     *
     * @throws IllegalArgumentException naming what is wrong (not JSON, no steps, unknown dependency, a cycle, ...)
     */
    static PipelineDefinition parse(String json, ObjectMapper mapper) {
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Pipeline definition is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Pipeline definition must be a JSON object");
        }
        List<Parameter> parameters = new ArrayList<>();
        for (JsonNode p : root.path("Parameters")) {
            String name = requiredText(p, "Name", "parameter");
            String type = p.path("Type").asText("String");
            if (!PARAMETER_TYPES.contains(type)) {
                throw new IllegalArgumentException("Parameter '" + name + "' has type '" + type
                        + "'; expected one of " + PARAMETER_TYPES);
            }
            JsonNode defaultValue = p.get("DefaultValue");
            parameters.add(new Parameter(name, type, defaultValue == null || defaultValue.isNull()
                    ? null : typed(name, type, defaultValue.asText())));
        }
        List<Step> steps = new ArrayList<>();
        Set<String> names = new HashSet<>();
        JsonNode stepNodes = root.path("Steps");
        if (!stepNodes.isArray() || stepNodes.isEmpty()) {
            throw new IllegalArgumentException("Pipeline definition has no Steps");
        }
        for (JsonNode s : stepNodes) {
            String name = requiredText(s, "Name", "step");
            if (!names.add(name)) {
                throw new IllegalArgumentException("Step name '" + name + "' is used twice");
            }
            String type = requiredText(s, "Type", "step '" + name + "'");
            List<String> dependsOn = new ArrayList<>();
            s.path("DependsOn").forEach(d -> dependsOn.add(d.asText()));
            JsonNode arguments = s.has("Arguments") ? s.get("Arguments") : JsonNodeFactory.instance.objectNode();
            String queueUrl = s.path("SqsQueueUrl").asText(null);
            if (CALLBACK.equals(type) && (queueUrl == null || queueUrl.isBlank())) {
                throw new IllegalArgumentException("Callback step '" + name + "' has no SqsQueueUrl");
            }
            steps.add(new Step(name, type, List.copyOf(dependsOn), arguments, queueUrl));
        }
        checkDependencies(steps);
        return new PipelineDefinition(parameters, steps);
    }

    List<Parameter> parameters() {
        return parameters;
    }

    List<Step> steps() {
        return steps;
    }

    /** The names of the declared steps, in definition order. */
    List<String> stepNames() {
        return steps.stream().map(Step::name).toList();
    }

    /**
     * The steps not in {@code selected} that lie on a path between two selected steps: a selective execution must
     * include them, since a selected step cannot reuse a result computed from another selected step's output.
     */
    List<String> unselectedStepsBetween(Collection<String> selected) {
        Map<String, Set<String>> ancestors = new HashMap<>();
        steps.forEach(step -> ancestorsOf(step.name(), ancestors));
        List<String> between = new ArrayList<>();
        for (Step step : steps) {
            if (selected.contains(step.name())) {
                continue;
            }
            boolean belowASelected = ancestors.get(step.name()).stream().anyMatch(selected::contains);
            boolean aboveASelected = selected.stream()
                    .anyMatch(s -> ancestors.containsKey(s) && ancestors.get(s).contains(step.name()));
            if (belowASelected && aboveASelected) {
                between.add(step.name());
            }
        }
        return between;
    }

    /** Every step {@code name} depends on, directly or through others; the definition has no cycle. */
    private Set<String> ancestorsOf(String name, Map<String, Set<String>> known) {
        Set<String> found = known.get(name);
        if (found != null) {
            return found;
        }
        found = new HashSet<>();
        for (Step step : steps) {
            if (step.name().equals(name)) {
                for (String dependency : step.dependsOn()) {
                    found.add(dependency);
                    found.addAll(ancestorsOf(dependency, known));
                }
            }
        }
        known.put(name, found);
        return found;
    }

    /**
     * The value a parameter takes as JSON, typed by its declared type: String → string, Integer → integer,
     * Float → number, Boolean → boolean.
     *
     * @throws IllegalArgumentException when the text is not a value of that type
     */
    static JsonNode typed(String name, String type, String text) {
        try {
            return switch (type) {
                case "Integer" -> LongNode.valueOf(Long.parseLong(text.trim()));
                case "Float" -> DoubleNode.valueOf(Double.parseDouble(text.trim()));
                case "Boolean" -> {
                    if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                        throw new NumberFormatException();
                    }
                    yield BooleanNode.valueOf(Boolean.parseBoolean(text));
                }
                default -> TextNode.valueOf(text);
            };
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "Value '" + text + "' of pipeline parameter '" + name + "' is not a valid " + type);
        }
    }

    private static void checkDependencies(List<Step> steps) {
        Map<String, Step> byName = new LinkedHashMap<>();
        steps.forEach(s -> byName.put(s.name(), s));
        for (Step step : steps) {
            for (String dependency : step.dependsOn()) {
                if (!byName.containsKey(dependency)) {
                    throw new IllegalArgumentException(
                            "Step '" + step.name() + "' depends on unknown step '" + dependency + "'");
                }
            }
        }
        // Depth-first search for a cycle: an execution of a cyclic definition would wait forever.
        Map<String, Integer> state = new HashMap<>();
        for (Step step : steps) {
            visit(step, byName, state);
        }
    }

    private static void visit(Step step, Map<String, Step> byName, Map<String, Integer> state) {
        int mark = state.getOrDefault(step.name(), 0);
        if (mark == 2) {
            return;
        }
        if (mark == 1) {
            throw new IllegalArgumentException("Steps depend on each other in a cycle through '" + step.name() + "'");
        }
        state.put(step.name(), 1);
        for (String dependency : step.dependsOn()) {
            visit(byName.get(dependency), byName, state);
        }
        state.put(step.name(), 2);
    }

    private static String requiredText(JsonNode node, String field, String what) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException("A " + what + " in the pipeline definition has no " + field);
        }
        return value.textValue();
    }

    /** A declared pipeline parameter; {@code defaultValue} is already typed, or null when there is none. */
    record Parameter(String name, String type, JsonNode defaultValue) {
    }

    /** A declared step. {@code sqsQueueUrl} is null unless the step is a callback step. */
    record Step(String name, String type, List<String> dependsOn, JsonNode arguments, String sqsQueueUrl) {
        boolean isCallback() {
            return CALLBACK.equals(type);
        }
    }

    /** Rewrites every callback step's {@code SqsQueueUrl} through {@code rewrite}, keeping everything else. */
    static String withQueueUrls(String json, ObjectMapper mapper, UnaryOperator<String> rewrite) {
        try {
            JsonNode root = mapper.readTree(json);
            for (JsonNode step : root.path("Steps")) {
                if (CALLBACK.equals(step.path("Type").asText()) && step.hasNonNull("SqsQueueUrl")) {
                    ((ObjectNode) step).put("SqsQueueUrl", rewrite.apply(step.get("SqsQueueUrl").asText()));
                }
            }
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Pipeline definition is not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
