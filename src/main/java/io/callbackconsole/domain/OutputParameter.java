package io.callbackconsole.domain;

/** One name and value sent with SendPipelineExecutionStepSuccess; checked by {@link OutputParameters}. */
public record OutputParameter(String name, String value) {
}
