package io.callbackconsole.aws;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.callbackconsole.domain.CallbackMessage;
import io.callbackconsole.domain.CallbackStatus;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.domain.PipelineExecutionArn;
import java.util.Map;

/**
 * Reads the body of an SQS message as a SageMaker callback message. Stateless and thread-safe; never throws: anything
 * that is not a usable callback message comes back as {@link ParsedMessage.Invalid} with a reason for the quarantine.
 */
public final class CallbackMessageParser {
    /** Longest one-line summary of the arguments, ellipsis included. */
    static final int SUMMARY_LENGTH = 120;
    private static final int MAX_PARSER_MESSAGE = 200;

    // Strict on purpose: a body with trailing garbage or two "token" fields is not something to act on.
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // Numbers are shown exactly as sent: 1.50 stays 1.50, 1e400 does not become Infinity.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();
    private final ObjectWriter prettyWriter = mapper.writerWithDefaultPrettyPrinter();

    public ParsedMessage parse(String body) {
        if (body == null) {
            return new ParsedMessage.Invalid("the message has no body");
        }
        if (body.isBlank()) {
            return new ParsedMessage.Invalid("the message body is empty");
        }
        try {
            return interpret(mapper.readTree(body));
        } catch (JsonProcessingException e) {
            return new ParsedMessage.Invalid("not JSON: " + shortMessage(e));
        } catch (RuntimeException | StackOverflowError e) {
            // Not expected (Jackson limits nesting depth), but a message must never take the poller down.
            return new ParsedMessage.Invalid("could not be read: " + e.getClass().getSimpleName());
        }
    }

    private ParsedMessage interpret(JsonNode root) throws JsonProcessingException {
        if (root == null || root.isMissingNode()) {
            return new ParsedMessage.Invalid("the message body is empty");
        }
        if (!root.isObject()) {
            return new ParsedMessage.Invalid(describe(root) + ", not an object");
        }
        JsonNode tokenNode = root.get("token");
        if (tokenNode == null) {
            return new ParsedMessage.Invalid("no \"token\" field");
        }
        if (!tokenNode.isTextual()) {
            return new ParsedMessage.Invalid("\"token\" is " + describe(tokenNode) + ", not a string");
        }
        JsonNode arnNode = root.get("pipelineExecutionArn");
        if (arnNode == null) {
            return new ParsedMessage.Invalid("no \"pipelineExecutionArn\" field");
        }
        if (!arnNode.isTextual()) {
            return new ParsedMessage.Invalid("\"pipelineExecutionArn\" is " + describe(arnNode) + ", not a string");
        }
        JsonNode arguments = root.get("arguments");
        if (arguments == null) {
            arguments = mapper.createObjectNode();
        } else if (!arguments.isObject()) {
            return new ParsedMessage.Invalid("\"arguments\" is " + describe(arguments) + ", not an object");
        }
        JsonNode statusNode = root.get("status");
        String statusText;
        if (statusNode == null) {
            statusText = CallbackStatus.EXECUTING.wireValue();
        } else if (statusNode.isTextual()) {
            statusText = statusNode.textValue();
        } else {
            return new ParsedMessage.Invalid("\"status\" is " + describe(statusNode) + ", not a string");
        }

        CallbackToken token;
        PipelineExecutionArn arn;
        try {
            token = CallbackToken.of(tokenNode.textValue());
            arn = PipelineExecutionArn.of(arnNode.textValue());
        } catch (InvalidInputException e) {
            return new ParsedMessage.Invalid(e.getMessage());
        }
        return new ParsedMessage.Valid(new CallbackMessage(token, arn, CallbackStatus.fromWire(statusText), statusText,
                prettyWriter.writeValueAsString(arguments), summarise(arguments)));
    }

    /** {@code name=value, name=value} on one line: strings unquoted, nested values as compact JSON. */
    static String summarise(JsonNode arguments) {
        StringBuilder line = new StringBuilder();
        for (Map.Entry<String, JsonNode> field : arguments.properties()) {
            if (line.length() > SUMMARY_LENGTH) {
                break; // the rest is cut off anyway
            }
            if (line.length() > 0) {
                line.append(", ");
            }
            JsonNode value = field.getValue();
            line.append(field.getKey()).append('=').append(value.isTextual() ? value.textValue() : value.toString());
        }
        return abbreviate(oneLine(line.toString()), SUMMARY_LENGTH);
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}+", " ");
    }

    private static String abbreviate(String text, int maxCodePoints) {
        if (text.codePointCount(0, text.length()) <= maxCodePoints) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, maxCodePoints - 1)) + "…";
    }

    private static String describe(JsonNode node) {
        JsonNodeType type = node.getNodeType();
        switch (type) {
            case ARRAY:
                return "a JSON array";
            case OBJECT:
                return "an object";
            case NUMBER:
                return "a number";
            case BOOLEAN:
                return "a boolean";
            case NULL:
                return "null";
            case STRING:
                return "a JSON string";
            case BINARY:
                return "binary data";
            default:
                return "a " + type.name().toLowerCase();
        }
    }

    /** Jackson's message without its source excerpt, with the position when known, on one line. */
    private static String shortMessage(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        message = abbreviate(oneLine(message).trim(), MAX_PARSER_MESSAGE);
        JsonLocation location = e.getLocation();
        if (location != null && location.getLineNr() > 0) {
            message += " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }
        return message;
    }
}
