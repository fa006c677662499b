package io.callbackconsole.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.DeclaredCallbackStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The callback steps a pipeline definition declares, read from its JSON: here, each step's own description. */
class DeclaredCallbackStepsTest {

    private static List<DeclaredCallbackStep> stepsOf(String descriptionField) {
        return SageMakerPipelineReader.declaredCallbackSteps("""
                {"Version": "2020-12-01", "Steps": [
                  {"Name": "Review", "Type": "Callback", %s "SqsQueueUrl": "https://sqs.example/q",
                   "OutputParameters": [{"OutputName": "approved", "OutputType": "Boolean"}]}]}
                """.formatted(descriptionField));
    }

    @Test
    void aStepsDescriptionIsReadAsWritten() {
        assertThat(stepsOf("\"Description\": \"Check the data.\\nThen approve.\",")).singleElement()
                .satisfies(step -> {
                    assertThat(step.description()).isEqualTo("Check the data.\nThen approve.");
                    assertThat(step.queueUrl()).isEqualTo("https://sqs.example/q");
                    assertThat(step.outputs()).hasSize(1);
                });
    }

    @Test
    void aStepWithoutADescriptionHasNone() {
        assertThat(stepsOf("")).singleElement().satisfies(step -> assertThat(step.describedAs()).isEmpty());
    }

    @Test
    void aDescriptionThatIsNotTextOrIsBlankIsNoneNotItsJson() {
        for (String malformed : List.of("42", "true", "null", "{\"text\": \"x\"}", "[\"x\"]", "\"\"", "\"   \"")) {
            assertThat(stepsOf("\"Description\": " + malformed + ",")).as(malformed).singleElement()
                    .satisfies(step -> {
                        assertThat(step.describedAs()).isEmpty();
                        assertThat(step.outputs()).as("the rest of the step is still read").hasSize(1);
                    });
        }
    }

    @Test
    void aStepInsideAConditionKeepsItsDescription() {
        List<DeclaredCallbackStep> steps = SageMakerPipelineReader.declaredCallbackSteps("""
                {"Steps": [{"Name": "Gate", "Type": "Condition", "Arguments": {"IfSteps": [
                  {"Name": "Inner", "Type": "Callback", "Description": "Only when the score is low."}]}}]}
                """);
        assertThat(steps).singleElement().satisfies(step -> {
            assertThat(step.name()).isEqualTo("Inner");
            assertThat(step.description()).isEqualTo("Only when the score is low.");
        });
    }
}
