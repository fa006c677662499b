package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads the members of one request and checks them against the constraints of the service model (required, length,
 * pattern, range), collecting every violation so the answer lists them all in AWS's wording:
 * {@code 1 validation error detected: Value 'abc' at 'callbackToken' failed to satisfy constraint: Member must have
 * length greater than or equal to 10}. A member of the wrong JSON type is a {@code SerializationException}, as AWS
 * answers when it cannot deserialize a request.
 */
final class RequestFields {
    private final ObjectNode request;
    /** How AWS names this structure in messages, ending in a dot; empty for the request itself. */
    private final String pathPrefix;
    /** Shared with the fields of nested structures, so one refusal names every violation. */
    private final List<String> violations;

    RequestFields(ObjectNode request) {
        this(request, "", new ArrayList<>());
    }

    private RequestFields(ObjectNode request, String pathPrefix, List<String> violations) {
        this.request = request;
        this.pathPrefix = pathPrefix;
        this.violations = violations;
    }

    /**
     * A string member; null when absent. Length counts Unicode code points, as the service does.
     *
     * @param member  the member name as in the model, e.g. {@code CallbackToken}
     * @param pattern the model's pattern, matched against the whole value, or null
     */
    String string(String member, boolean required, int min, int max, String pattern) {
        return string(request, member, wirePath(member), required, min, max, pattern);
    }

    private String string(JsonNode parent, String member, String path, boolean required, int min, int max,
                          String pattern) {
        JsonNode node = parent.get(member);
        if (node == null || node.isNull()) {
            if (required) {
                violations.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
            }
            return null;
        }
        if (!node.isTextual()) {
            throw SageMakerSimulatorException.serialization(
                    "Member '" + member + "' must be a string, not " + node.getNodeType().name().toLowerCase());
        }
        String value = node.textValue();
        int length = value.codePointCount(0, value.length());
        if (length < min) {
            violations.add(violation(value, path, "Member must have length greater than or equal to " + min));
        } else if (length > max) {
            violations.add(violation(value, path, "Member must have length less than or equal to " + max));
        }
        // Without DOTALL, as the service matches: its patterns spell out line breaks where they allow them
        // (PipelineDefinition's is ".*(?:[ \\r\\n\\t].*)*"), so "." does not match one.
        if (pattern != null && !Pattern.compile(pattern).matcher(value).matches()) {
            violations.add(violation(value, path, "Member must satisfy regular expression pattern: " + pattern));
        }
        return value;
    }

    /** An integer member within [min, max]; null when absent. */
    Integer integer(String member, int min, int max) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            throw SageMakerSimulatorException.serialization("Member '" + member + "' must be an integer");
        }
        int value = node.intValue();
        String path = wirePath(member);
        if (value < min) {
            violations.add(violation(value, path, "Member must have value greater than or equal to " + min));
        } else if (value > max) {
            violations.add(violation(value, path, "Member must have value less than or equal to " + max));
        }
        return value;
    }

    /** A 64-bit integer member (the model's {@code long}) of at least {@code min}; null when absent. */
    Long longInteger(String member, long min) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw SageMakerSimulatorException.serialization("Member '" + member + "' must be a long integer");
        }
        long value = node.longValue();
        if (value < min) {
            violations.add(violation(value, wirePath(member),
                    "Member must have value greater than or equal to " + min));
        }
        return value;
    }

    /** A required integer member of at least {@code min} and no upper bound; null when absent. */
    Integer requiredInteger(String member, int min) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            violations.add("Value null at '" + wirePath(member)
                    + "' failed to satisfy constraint: Member must not be null");
            return null;
        }
        return integer(member, min, Integer.MAX_VALUE);
    }

    /**
     * A nested structure member, read with the same checks; its violations join this request's. Null when absent
     * (a violation too when {@code required}).
     */
    RequestFields structure(String member, boolean required) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            if (required) {
                violations.add("Value null at '" + wirePath(member)
                        + "' failed to satisfy constraint: Member must not be null");
            }
            return null;
        }
        if (!node.isObject()) {
            throw SageMakerSimulatorException.serialization("Member '" + member + "' must be a structure");
        }
        return new RequestFields((ObjectNode) node, wirePath(member) + ".", violations);
    }

    /**
     * A list of structures with {@code minItems} to {@code maxItems} items, each read with the same checks; empty
     * when absent (a violation too when {@code required}).
     */
    List<RequestFields> structures(String member, boolean required, int minItems, int maxItems) {
        JsonNode node = request.get(member);
        String path = wirePath(member);
        if (node == null || node.isNull()) {
            if (required) {
                violations.add("Value null at '" + path + "' failed to satisfy constraint: Member must not be null");
            }
            return List.of();
        }
        if (!node.isArray()) {
            throw SageMakerSimulatorException.serialization("Member '" + member + "' must be a list");
        }
        checkItemCount(path, node.size(), minItems, maxItems);
        List<RequestFields> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                throw SageMakerSimulatorException.serialization("Items of member '" + member + "' must be structures");
            }
            items.add(new RequestFields((ObjectNode) item, path + "." + (i + 1) + ".member.", violations));
        }
        return items;
    }

    /** A member whose value must be one of the model's enum values; null when absent. */
    String oneOf(String member, List<String> allowed) {
        String value = string(member, false, 0, Integer.MAX_VALUE, null);
        if (value != null && !allowed.contains(value)) {
            violations.add(violation(value, wirePath(member),
                    "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]"));
        }
        return value;
    }

    /** A timestamp member (epoch seconds, fractional allowed); null when absent. */
    Instant timestamp(String member) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw SageMakerSimulatorException.serialization(
                    "Member '" + member + "' must be a timestamp in epoch seconds");
        }
        BigDecimal millis = node.decimalValue().movePointRight(3);
        return Instant.ofEpochMilli(millis.longValue());
    }

    /**
     * A list of {@code {Name, Value}} structures (the model's {@code Parameter} and {@code OutputParameter}), checked
     * item by item; an empty list when absent. The two shapes differ in their names' minimum length (1 and 0).
     */
    List<NameValue> nameValues(String member, int maxItems, int minNameLength, int maxNameLength,
                               String namePattern, int maxValueLength) {
        return pairs(member, "Name", "Value", maxItems, minNameLength, maxNameLength, namePattern, maxValueLength,
                null);
    }

    /** A list of {@code {Key, Value}} structures (the model's {@code Tag}); an empty list when absent. */
    List<NameValue> keyValues(String member, int maxItems, int minKeyLength, int maxKeyLength, int maxValueLength,
                              String pattern) {
        return pairs(member, "Key", "Value", maxItems, minKeyLength, maxKeyLength, pattern, maxValueLength, pattern);
    }

    private List<NameValue> pairs(String member, String nameField, String valueField, int maxItems,
                                  int minNameLength, int maxNameLength, String namePattern, int maxValueLength,
                                  String valuePattern) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw SageMakerSimulatorException.serialization("Member '" + member + "' must be a list");
        }
        ArrayNode items = (ArrayNode) node;
        String path = wirePath(member);
        checkItemCount(path, items.size(), 0, maxItems);
        List<NameValue> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            if (!item.isObject()) {
                throw SageMakerSimulatorException.serialization("Items of member '" + member
                        + "' must be structures with " + nameField + " and " + valueField);
            }
            String itemPath = path + "." + (i + 1) + ".member.";
            String name = string(item, nameField, itemPath + nameField.toLowerCase(), true, minNameLength,
                    maxNameLength, namePattern);
            String value = string(item, valueField, itemPath + valueField.toLowerCase(), true, 0, maxValueLength,
                    valuePattern);
            result.add(new NameValue(name, value));
        }
        return result;
    }

    private void checkItemCount(String path, int count, int minItems, int maxItems) {
        if (count < minItems) {
            violations.add("Value '" + count + "' items at '" + path
                    + "' failed to satisfy constraint: Member must have length greater than or equal to " + minItems);
        } else if (count > maxItems) {
            violations.add("Value '" + count + "' items at '" + path
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + maxItems);
        }
    }

    /** Throws one {@code ValidationException} naming every violation found so far. */
    void throwIfInvalid() {
        if (violations.isEmpty()) {
            return;
        }
        int count = violations.size();
        throw SageMakerSimulatorException.validation(count + " validation error" + (count == 1 ? "" : "s")
                + " detected: " + String.join("; ", violations));
    }

    private static String violation(Object value, String path, String constraint) {
        return "Value '" + value + "' at '" + path + "' failed to satisfy constraint: " + constraint;
    }

    /**
     * How AWS names a member in messages: a lower-case first letter, after the path of the structures it is in
     * ({@code CallbackToken} → {@code callbackToken}, {@code parallelismConfiguration.maxParallelExecutionSteps}).
     */
    private String wirePath(String member) {
        return pathPrefix + Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }

    /** One {@code {Name, Value}} pair of a request. */
    record NameValue(String name, String value) {
    }
}
