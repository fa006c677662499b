package io.callbackconsole.domain;

/** One parameter value of a pipeline execution, as {@code ListPipelineParametersForExecution} reports it. */
public record PipelineParameter(String name, String value) {
}
