package io.callbackconsole.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callbackconsole.sandbox.PipelineRequests.PageRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Cuts a list answer into pages. The {@code NextToken} is opaque to clients; it carries the operation (so a token
 * from another list is refused) and the offset of the next item.
 */
final class ListPage {
    /** The page size when a request names no MaxResults. */
    static final int DEFAULT_MAX_RESULTS = 10;

    private ListPage() {
    }

    /**
     * The page {@code request} asks for, as {@code {listMember: [...], "NextToken": ...}}; the token is present only
     * when more items follow.
     *
     * @throws SageMakerSimulatorException a validation error when the token is not one this operation gave out
     */
    static ObjectNode of(String operation, String listMember, List<JsonNode> items, PageRequest request) {
        String nextToken = request.nextToken();
        int offset = nextToken == null || nextToken.isEmpty() ? 0 : offsetOf(operation, nextToken);
        int size = request.maxResults() == null ? DEFAULT_MAX_RESULTS : request.maxResults();
        int end = Math.min(items.size(), offset + size);
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        ArrayNode list = out.putArray(listMember);
        for (int i = Math.min(offset, items.size()); i < end; i++) {
            list.add(items.get(i));
        }
        if (end < items.size()) {
            out.put("NextToken", Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((operation + ":" + end).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }

    private static int offsetOf(String operation, String nextToken) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
            if (decoded.startsWith(operation + ":")) {
                int offset = Integer.parseInt(decoded.substring(operation.length() + 1));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the refusal below; NumberFormatException is an IllegalArgumentException
        }
        throw SageMakerSimulatorException.validation("Invalid pagination token: '" + nextToken + "'");
    }

    /** Strictly after {@code after} and strictly before {@code before}, each bound only when given. */
    static boolean within(Instant time, Instant after, Instant before) {
        return (after == null || time.isAfter(after)) && (before == null || time.isBefore(before));
    }
}
