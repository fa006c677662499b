package io.callbackconsole.ui.quarantine;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Optional;

/**
 * A quarantined body laid out for reading: JSON indented, numbers exactly as sent (1.50 stays 1.50), anything else
 * (not JSON, or JSON with a duplicate key, which a reader could take either way) left as it arrived.
 */
final class QuarantineBody {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectWriter PRETTY = MAPPER.writerWithDefaultPrettyPrinter();

    private QuarantineBody() {
    }

    /** The body indented, or empty when it is not one JSON value. */
    static Optional<String> pretty(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode tree = MAPPER.readTree(body);
            return Optional.of(PRETTY.writeValueAsString(tree));
        } catch (JsonProcessingException | RuntimeException | StackOverflowError e) {
            return Optional.empty();
        }
    }
}
