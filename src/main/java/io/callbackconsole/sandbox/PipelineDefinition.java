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
 * The parts of a SageMaker {@code PipelineDefinition} document (as the SageMaker Python SDK writes it, version
 * {@code 2020-12-01}) the simulator runs: typed parameters with defaults, and steps with their type, arguments and
 * dependencies. A step depends on the steps its {@code DependsOn} names and on those its arguments read through
 * {@code Get} expressions; the steps of a {@code Condition} step's {@code IfSteps} and {@code ElseSteps} are steps of
 * their own that depend on it and run only on its branch.
 */
final class PipelineDefinition {
    static final String CALLBACK = "Callback";
    static final String CONDITION = "Condition";
    static final String FAIL = "Fail";
    static final String VERSION = "2020-12-01";
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
     * @throws IllegalArgumentException naming what is wrong and where (not JSON, no steps, a step named twice, an
     *                                  unknown step in {@code DependsOn}, a cycle, a {@code Get} of an undeclared
     *                                  parameter or an unknown step, a malformed condition, ...)
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
        if (root.has("Version") && !VERSION.equals(root.get("Version").asText())) {
            throw new IllegalArgumentException("Pipeline definition Version '" + root.get("Version").asText()
                    + "' is not supported; expected " + VERSION);
        }
        List<Parameter> parameters = new ArrayList<>();
        Set<String> parameterNames = new HashSet<>();
        JsonNode parameterNodes = root.path("Parameters");
        for (int i = 0; i < parameterNodes.size(); i++) {
            JsonNode p = parameterNodes.get(i);
            String name = requiredText(p, "Name", "Parameters[" + i + "]");
            if (!parameterNames.add(name)) {
                throw new IllegalArgumentException("Parameters[" + i + "]: parameter name '" + name
                        + "' is used twice");
            }
            String type = p.path("Type").asText("String");
            if (!PARAMETER_TYPES.contains(type)) {
                throw new IllegalArgumentException("Parameter '" + name + "' has type '" + type
                        + "'; expected one of " + PARAMETER_TYPES);
            }
            JsonNode defaultValue = p.get("DefaultValue");
            parameters.add(new Parameter(name, type, defaultValue == null || defaultValue.isNull()
                    ? null : typed(name, type, defaultValue.asText())));
        }
        JsonNode stepNodes = root.path("Steps");
        if (!stepNodes.isArray() || stepNodes.isEmpty()) {
            throw new IllegalArgumentException("Pipeline definition has no Steps");
        }
        List<Step> steps = new ArrayList<>();
        flatten(stepNodes, "Steps", null, steps, new HashSet<>());
        checkReferences(steps, parameterNames);
        checkDependencies(steps);
        return new PipelineDefinition(parameters, steps);
    }

    /** Reads the steps of one list, and those of each condition's branches after it, into {@code out}. */
    private static void flatten(JsonNode stepNodes, String place, Branch branch, List<Step> out, Set<String> names) {
        for (int i = 0; i < stepNodes.size(); i++) {
            JsonNode s = stepNodes.get(i);
            String at = place + "[" + i + "]";
            if (!s.isObject()) {
                throw new IllegalArgumentException(at + " is not a step object");
            }
            String name = requiredText(s, "Name", at);
            if (!names.add(name)) {
                throw new IllegalArgumentException(at + ": step name '" + name + "' is used twice");
            }
            String type = requiredText(s, "Type", at + " ('" + name + "')");
            List<String> dependsOn = new ArrayList<>();
            s.path("DependsOn").forEach(d -> dependsOn.add(d.asText()));
            JsonNode arguments = s.has("Arguments") ? s.get("Arguments") : JsonNodeFactory.instance.objectNode();
            String queueUrl = s.path("SqsQueueUrl").asText(null);
            if (CALLBACK.equals(type) && (queueUrl == null || queueUrl.isBlank())) {
                throw new IllegalArgumentException(at + ": Callback step '" + name + "' has no SqsQueueUrl");
            }
            JsonNode ownArguments = arguments;
            if (CONDITION.equals(type)) {
                PipelineConditions.problemIn(arguments.path("Conditions"), at + ".Arguments.Conditions")
                        .ifPresent(problem -> {
                            throw new IllegalArgumentException(problem);
                        });
                // The branches' steps are steps of their own; the condition keeps only its conditions.
                ownArguments = JsonNodeFactory.instance.objectNode().set("Conditions", arguments.get("Conditions"));
            }
            if (branch != null) {
                dependsOn.add(branch.conditionStep());
            }
            out.add(new Step(name, type, List.copyOf(dependsOn), ownArguments, queueUrl, branch, at));
            if (CONDITION.equals(type)) {
                for (String side : List.of("IfSteps", "ElseSteps")) {
                    JsonNode branchSteps = arguments.path(side);
                    if (!branchSteps.isMissingNode() && !branchSteps.isArray()) {
                        throw new IllegalArgumentException(at + ".Arguments." + side + " must be a list of steps");
                    }
                    flatten(branchSteps, at + ".Arguments." + side, new Branch(name, side.equals("IfSteps")), out,
                            names);
                }
            }
        }
    }

    /**
     * Every {@code Get} reads something the definition has: a declared parameter, an execution property, or a step;
     * a step read becomes a dependency of the reader, as on AWS.
     */
    private static void checkReferences(List<Step> steps, Set<String> parameterNames) {
        Set<String> stepNames = new HashSet<>();
        steps.forEach(step -> stepNames.add(step.name()));
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            List<String> dataDependencies = new ArrayList<>(step.dependsOn());
            for (PipelineExpressions.Reference reference
                    : PipelineExpressions.references(step.arguments(), step.place() + ".Arguments")) {
                if (!reference.known()) {
                    throw new IllegalArgumentException(reference.place() + ": Get '" + reference.expression()
                            + "' reads neither Parameters.*, Execution.* nor Steps.*");
                }
                String parameter = reference.parameterName();
                if (parameter != null && !parameterNames.contains(parameter)) {
                    throw new IllegalArgumentException(reference.place() + " reads parameter '" + parameter
                            + "', which the definition does not declare");
                }
                String read = reference.stepName();
                if (read != null) {
                    if (!stepNames.contains(read)) {
                        throw new IllegalArgumentException(reference.place() + " reads step '" + read
                                + "', which the definition does not have");
                    }
                    if (!dataDependencies.contains(read)) {
                        dataDependencies.add(read);
                    }
                }
            }
            steps.set(i, step.withDependsOn(dataDependencies));
        }
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
                    throw new IllegalArgumentException(step.place() + ": step '" + step.name()
                            + "' depends on unknown step '" + dependency + "'");
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

    private static String requiredText(JsonNode node, String field, String place) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.textValue().isBlank()) {
            throw new IllegalArgumentException(place + " in the pipeline definition has no " + field);
        }
        return value.textValue();
    }

    /** A declared pipeline parameter; {@code defaultValue} is already typed, or null when there is none. */
    record Parameter(String name, String type, JsonNode defaultValue) {
    }

    /** The side of a condition step a step is on: it runs only when the condition's outcome is {@code ifTrue}. */
    record Branch(String conditionStep, boolean ifTrue) {
    }

    /**
     * A declared step.
     *
     * @param dependsOn   every step it waits for: those {@code DependsOn} names, those its arguments read, and the
     *                    condition step of its branch
     * @param arguments   its arguments; a condition step's are its {@code Conditions} only
     * @param sqsQueueUrl null unless the step is a callback step
     * @param branch      the condition branch it is on, or null for a step of the top level
     * @param place       where the definition has it ("Steps[1].Arguments.IfSteps[0]"), for messages
     */
    record Step(String name, String type, List<String> dependsOn, JsonNode arguments, String sqsQueueUrl,
                Branch branch, String place) {
        boolean isCallback() {
            return CALLBACK.equals(type);
        }

        boolean isCondition() {
            return CONDITION.equals(type);
        }

        boolean isFail() {
            return FAIL.equals(type);
        }

        /** A step the simulator runs as a timed no-op: every type but Callback, Condition and Fail. */
        boolean isNoOp() {
            return !isCallback() && !isCondition() && !isFail();
        }

        Step withDependsOn(List<String> all) {
            return new Step(name, type, List.copyOf(all), arguments, sqsQueueUrl, branch, place);
        }
    }

    /**
     * Rewrites every callback step's {@code SqsQueueUrl} through {@code rewrite}, in condition branches too, keeping
     * everything else.
     */
    static String withQueueUrls(String json, ObjectMapper mapper, UnaryOperator<String> rewrite) {
        try {
            JsonNode root = mapper.readTree(json);
            rewriteQueueUrls(root.path("Steps"), rewrite);
            return mapper.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Pipeline definition is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static void rewriteQueueUrls(JsonNode steps, UnaryOperator<String> rewrite) {
        for (JsonNode step : steps) {
            if (CALLBACK.equals(step.path("Type").asText()) && step.hasNonNull("SqsQueueUrl")) {
                ((ObjectNode) step).put("SqsQueueUrl", rewrite.apply(step.get("SqsQueueUrl").asText()));
            }
            if (CONDITION.equals(step.path("Type").asText())) {
                rewriteQueueUrls(step.path("Arguments").path("IfSteps"), rewrite);
                rewriteQueueUrls(step.path("Arguments").path("ElseSteps"), rewrite);
            }
        }
    }

    /** The queue URLs of the definition's callback steps, in definition order, each once. */
    List<String> callbackQueueUrls() {
        return steps.stream().filter(Step::isCallback).map(Step::sqsQueueUrl).distinct().toList();
    }
}
