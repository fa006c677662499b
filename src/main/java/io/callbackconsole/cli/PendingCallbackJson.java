package io.callbackconsole.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.callbackconsole.domain.PendingCallback;
import io.callbackconsole.triage.CallbackContext;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * One pending callback as one JSON object with stable field names, for scripts ({@code pending --json}). Fields are
 * added, never renamed or removed; a value not known yet is null. The context fields come from SageMaker look-ups.
 */
final class PendingCallbackJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The same JSON, with every character that could redraw a terminal written as an escape. */
    private static final ObjectMapper TERMINAL_SAFE_JSON = new ObjectMapper(
            JSON.getFactory().copy().setCharacterEscapes(new TerminalSafeJsonEscapes()));

    private PendingCallbackJson() {
    }

    static String of(PendingCallback callback, CallbackContext context) {
        ObjectNode node = JSON.createObjectNode();
        node.put("token", callback.token().value());
        node.put("pipelineExecutionArn", callback.executionArn().value());
        node.put("pipelineName", callback.executionArn().pipelineName());
        node.put("stepName", context.step() == null ? null : context.step().stepName());
        node.put("status", callback.message().statusText());
        node.put("stale", context.stale());
        node.put("receivedAt", callback.lastReceivedAt().toString());
        node.put("queueUrl", callback.queueUrl());
        node.set("arguments", arguments(callback));
        node.put("staleReason", context.staleReason());
        node.put("stepStatus", context.step() == null ? null : context.step().status());
        node.put("executionStatus", context.execution() == null ? null : context.execution().executionStatus());
        node.put("foundViaSageMaker", callback.onlyFoundViaSageMaker());
        node.put("contextProblem", context.problem());
        try {
            return TERMINAL_SAFE_JSON.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode arguments(PendingCallback callback) {
        try {
            return JSON.readTree(callback.message().argumentsJson());
        } catch (IOException e) {
            // The parser produced this JSON itself; it reads back.
            throw new UncheckedIOException(e);
        }
    }
}
