package io.callbackconsole.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineDefinitionTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void theBundledDefinitionsParseWithTheirCallbackQueues() throws IOException {
        for (String name : Sandbox.BUNDLED_PIPELINES) {
            PipelineDefinition definition = PipelineDefinition.parse(bundled(name), MAPPER);
            assertThat(definition.steps()).as(name).anySatisfy(s -> {
                assertThat(s.isCallback()).isTrue();
                assertThat(s.sqsQueueUrl()).startsWith("https://sqs.us-east-2.amazonaws.com/");
            });
        }
        PipelineDefinition approval = PipelineDefinition.parse(bundled("manual-approval"), MAPPER);
        assertThat(approval.parameters()).extracting(PipelineDefinition.Parameter::type)
                .containsExactly("String", "Float");
        assertThat(approval.parameters().get(1).defaultValue().doubleValue()).isEqualTo(0.8);
    }

    @Test
    void theStepsBetweenTwoSelectedStepsAreThoseOnAPathFromOneToTheOther() {
        // A diamond: Split → Left, Right → Join, and Report after Join.
        PipelineDefinition diamond = PipelineDefinition.parse("""
                {"Steps": [
                  {"Name": "Split", "Type": "Processing"},
                  {"Name": "Left", "Type": "Processing", "DependsOn": ["Split"]},
                  {"Name": "Right", "Type": "Processing", "DependsOn": ["Split"]},
                  {"Name": "Join", "Type": "Processing", "DependsOn": ["Left", "Right"]},
                  {"Name": "Report", "Type": "Processing", "DependsOn": ["Join"]}]}
                """, MAPPER);

        assertThat(diamond.unselectedStepsBetween(List.of("Split", "Report"))).containsExactly("Left", "Right", "Join");
        assertThat(diamond.unselectedStepsBetween(List.of("Left", "Report"))).containsExactly("Join");
        // Right feeds Join but does not follow Left: its results can be reused.
        assertThat(diamond.unselectedStepsBetween(List.of("Left", "Join", "Report"))).isEmpty();
        assertThat(diamond.unselectedStepsBetween(List.of("Join"))).isEmpty();
    }

    @Test
    void unusableDefinitionsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> PipelineDefinition.parse("{\"Steps\": [", MAPPER)).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> PipelineDefinition.parse("{\"Steps\": []}", MAPPER)).hasMessageContaining("no Steps");
        assertThatThrownBy(() -> PipelineDefinition.parse(
                "{\"Steps\": [{\"Name\": \"A\", \"Type\": \"Processing\", \"DependsOn\": [\"Z\"]}]}", MAPPER))
                .hasMessageContaining("unknown step 'Z'");
        assertThatThrownBy(() -> PipelineDefinition.parse("{\"Steps\": ["
                + "{\"Name\": \"A\", \"Type\": \"Processing\", \"DependsOn\": [\"B\"]},"
                + "{\"Name\": \"B\", \"Type\": \"Processing\", \"DependsOn\": [\"A\"]}]}", MAPPER))
                .hasMessageContaining("cycle");
        assertThatThrownBy(() -> PipelineDefinition.parse(
                "{\"Steps\": [{\"Name\": \"Gate\", \"Type\": \"Callback\"}]}", MAPPER))
                .hasMessageContaining("Callback step 'Gate' has no SqsQueueUrl");
        assertThatThrownBy(() -> PipelineDefinition.parse("{\"Parameters\": [{\"Name\": \"P\", \"Type\": \"Date\"}],"
                + "\"Steps\": [{\"Name\": \"A\", \"Type\": \"Processing\"}]}", MAPPER))
                .hasMessageContaining("type 'Date'");
    }

    @Test
    void parameterValuesTakeTheirDeclaredType() {
        assertThat(PipelineDefinition.typed("N", "Integer", "42").isIntegralNumber()).isTrue();
        assertThat(PipelineDefinition.typed("F", "Float", "0.5").doubleValue()).isEqualTo(0.5);
        assertThat(PipelineDefinition.typed("B", "Boolean", "TRUE").booleanValue()).isTrue();
        assertThat(PipelineDefinition.typed("S", "String", "42").isTextual()).isTrue();
        assertThatThrownBy(() -> PipelineDefinition.typed("B", "Boolean", "yes"))
                .hasMessage("Value 'yes' of pipeline parameter 'B' is not a valid Boolean");
        assertThatThrownBy(() -> PipelineDefinition.typed("N", "Integer", "4.2")).hasMessageContaining("Integer");
    }

    @Test
    void rewritingQueueUrlsTouchesOnlyCallbackSteps() throws IOException {
        String rewritten = PipelineDefinition.withQueueUrls(bundled("two-gates"), MAPPER, url -> "local:" + url);

        PipelineDefinition definition = PipelineDefinition.parse(rewritten, MAPPER);
        assertThat(definition.steps()).extracting(PipelineDefinition.Step::sqsQueueUrl).containsExactly(
                "local:https://sqs.us-east-2.amazonaws.com/012345678901/data-quality",
                "local:https://sqs.us-east-2.amazonaws.com/012345678901/release-approvals");
        assertThat(MAPPER.readTree(rewritten).get("Parameters")).isEqualTo(MAPPER.readTree(bundled("two-gates"))
                .get("Parameters"));
    }

    private static String bundled(String name) throws IOException {
        try (InputStream in = Sandbox.class.getResourceAsStream("pipelines/" + name + ".json")) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
