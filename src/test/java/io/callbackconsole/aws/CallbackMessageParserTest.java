package io.callbackconsole.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.CallbackMessage;
import io.callbackconsole.domain.CallbackStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class CallbackMessageParserTest {
    private final CallbackMessageParser parser = new CallbackMessageParser();

    private static String fixture(String name) throws IOException {
        try (InputStream in = CallbackMessageParserTest.class.getResourceAsStream("/fixtures/messages/" + name)) {
            assertThat(in).as("fixture %s", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private CallbackMessage valid(String body) {
        ParsedMessage parsed = parser.parse(body);
        assertThat(parsed).isInstanceOf(ParsedMessage.Valid.class);
        return ((ParsedMessage.Valid) parsed).message();
    }

    private String invalid(String body) {
        ParsedMessage parsed = parser.parse(body);
        assertThat(parsed).isInstanceOf(ParsedMessage.Invalid.class);
        return ((ParsedMessage.Invalid) parsed).reason();
    }

    @Test
    void executingBasicFixtureIsValid() throws IOException {
        CallbackMessage m = valid(fixture("executing-basic.json"));
        assertThat(m.token().value()).isEqualTo("26vcYbeWsZ");
        assertThat(m.executionArn().value())
                .isEqualTo("arn:aws:sagemaker:us-east-2:012345678901:pipeline/callback-pipeline/execution/7pinimwddh3a");
        assertThat(m.status()).isEqualTo(CallbackStatus.EXECUTING);
        assertThat(m.statusText()).isEqualTo("Executing");
        assertThat(m.argumentsSummary()).isEqualTo("number=5, stringArg=some-arg, "
                + "inputData=s3://sagemaker-us-east-2-012345678901/abalone/abalone-dataset.csv");
        assertThat(m.argumentsJson()).contains("\"number\" : 5").contains("\"stringArg\" : \"some-arg\"").contains("\n");
    }

    @Test
    void stoppingBasicFixtureIsValidWithStoppingStatus() throws IOException {
        CallbackMessage m = valid(fixture("stopping-basic.json"));
        assertThat(m.token().value()).isEqualTo("26vcYbeWsZ");
        assertThat(m.status()).isEqualTo(CallbackStatus.STOPPING);
        assertThat(m.statusText()).isEqualTo("Stopping");
    }

    @Test
    void govCloudFixtureKeepsPartitionAndSummarisesNestedArgumentsAsCompactJson() throws IOException {
        CallbackMessage m = valid(fixture("executing-govcloud.json"));
        assertThat(m.executionArn().partition()).isEqualTo("aws-us-gov");
        assertThat(m.argumentsSummary())
                .isEqualTo("threshold=0.87, approver=risk-team, nested={\"note\":\"object arguments arrive as JSON\"}");
        assertThat(m.argumentsJson()).contains("\"threshold\" : 0.87");
    }

    @Test
    void missingStatusMeansExecuting() throws IOException {
        CallbackMessage m = valid(fixture("executing-missing-status.json"));
        assertThat(m.status()).isEqualTo(CallbackStatus.EXECUTING);
        assertThat(m.statusText()).isEqualTo("Executing");
        assertThat(m.argumentsSummary()).isEqualTo("a=b");
    }

    @Test
    void emptyArgumentsGiveEmptyObjectAndEmptySummary() throws IOException {
        CallbackMessage m = valid(fixture("executing-no-arguments.json"));
        assertThat(m.argumentsJson()).isEqualTo("{ }");
        assertThat(m.argumentsSummary()).isEmpty();
    }

    @Test
    void unknownStatusIsKeptAsText() throws IOException {
        CallbackMessage m = valid(fixture("executing-unknown-status.json"));
        assertThat(m.status()).isEqualTo(CallbackStatus.UNRECOGNISED);
        assertThat(m.statusText()).isEqualTo("SomethingNew");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bad-arn.json              | is not a SageMaker pipeline execution ARN",
            "bad-json-array.json       | a JSON array, not an object",
            "bad-missing-token.json    | no \"token\" field",
            "bad-not-json.txt          | not JSON: Unrecognized token 'not'",
            "bad-token-number.json     | \"token\" is a number, not a string",
            "bad-token-symbols.json    | only letters A-Z, a-z and digits 0-9",
            "bad-token-too-short.json  | \"abc\" has 3",
    })
    void badFixturesAreInvalidWithReason(String fixture, String expectedReason) throws IOException {
        assertThat(invalid(fixture(fixture))).contains(expectedReason);
    }

    @Test
    void notJsonReasonNamesThePosition() throws IOException {
        assertThat(invalid(fixture("bad-not-json.txt"))).startsWith("not JSON: ").contains("(line 1, column");
    }

    @Test
    void missingArgumentsBecomeEmptyObject() {
        CallbackMessage m = valid("{\"token\":\"Aa1Bb2Cc3D\",\"pipelineExecutionArn\":"
                + "\"arn:aws:sagemaker:us-east-1:111122223333:pipeline/p/execution/e1\"}");
        assertThat(m.argumentsJson()).isEqualTo("{ }");
        assertThat(m.argumentsSummary()).isEmpty();
        assertThat(m.status()).isEqualTo(CallbackStatus.EXECUTING);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\"arguments\":[1,2]             | \"arguments\" is a JSON array, not an object",
            "\"arguments\":\"x\"             | \"arguments\" is a JSON string, not an object",
            "\"arguments\":null              | \"arguments\" is null, not an object",
            "\"status\":7                    | \"status\" is a number, not a string",
            "\"status\":null                 | \"status\" is null, not a string",
    })
    void wrongTypedOptionalFieldsAreInvalid(String extraField, String expectedReason) {
        String body = "{\"token\":\"Aa1Bb2Cc3D\",\"pipelineExecutionArn\":"
                + "\"arn:aws:sagemaker:us-east-1:111122223333:pipeline/p/execution/e1\"," + extraField + "}";
        assertThat(invalid(body)).isEqualTo(expectedReason);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "'\"just a string\"'                          | a JSON string, not an object",
            "42                                           | a number, not an object",
            "true                                         | a boolean, not an object",
            "null                                         | null, not an object",
            "'{\"token\":null}'                           | \"token\" is null, not a string",
            "'{\"token\":{\"v\":1}}'                      | \"token\" is an object, not a string",
            "'{\"token\":\"Aa1Bb2Cc3D\"}'                 | no \"pipelineExecutionArn\" field",
            "'{\"token\":\"Aa1Bb2Cc3D\",\"pipelineExecutionArn\":5}' | \"pipelineExecutionArn\" is a number, not a string",
    })
    void otherShapesAreInvalidWithReason(String body, String expectedReason) {
        assertThat(invalid(body)).isEqualTo(expectedReason);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   ", "\n\t"})
    void nullOrBlankBodyIsInvalid(String body) {
        assertThat(invalid(body)).isNotBlank();
    }

    @Test
    void trailingGarbageIsNotJson() {
        assertThat(invalid("{\"token\":\"Aa1Bb2Cc3D\"} trailing")).startsWith("not JSON: ");
    }

    @Test
    void duplicateTokenFieldIsNotAccepted() {
        String body = "{\"token\":\"Aa1Bb2Cc3D\",\"token\":\"Zz9Yy8Xx7W\",\"pipelineExecutionArn\":"
                + "\"arn:aws:sagemaker:us-east-1:111122223333:pipeline/p/execution/e1\"}";
        assertThat(invalid(body)).startsWith("not JSON: ").contains("token");
    }

    @Test
    void longSummaryIsCutWithEllipsisAndStaysOnOneLine() {
        StringBuilder args = new StringBuilder("{");
        for (int i = 0; i < 40; i++) {
            args.append(i == 0 ? "" : ",").append("\"arg").append(i).append("\":\"line one\\nline two\"");
        }
        args.append('}');
        CallbackMessage m = valid("{\"token\":\"Aa1Bb2Cc3D\",\"pipelineExecutionArn\":"
                + "\"arn:aws:sagemaker:us-east-1:111122223333:pipeline/p/execution/e1\",\"arguments\":" + args + "}");
        assertThat(m.argumentsSummary()).hasSize(CallbackMessageParser.SUMMARY_LENGTH).endsWith("…")
                .startsWith("arg0=line one line two, arg1=").doesNotContain("\n");
        assertThat(m.argumentsJson()).contains("\"arg39\"");
    }

    @Test
    void summaryShowsNumbersBooleansAndNullsAsJson() {
        CallbackMessage m = valid("{\"token\":\"Aa1Bb2Cc3D\",\"pipelineExecutionArn\":"
                + "\"arn:aws:sagemaker:us-east-1:111122223333:pipeline/p/execution/e1\","
                + "\"arguments\":{\"n\":1.50,\"b\":false,\"z\":null,\"list\":[1,\"two\"]}}");
        assertThat(m.argumentsSummary()).isEqualTo("n=1.50, b=false, z=null, list=[1,\"two\"]");
    }

    @Test
    void deeplyNestedJsonIsInvalidNotACrash() {
        String body = "[".repeat(100_000) + "]".repeat(100_000);
        assertThat(invalid(body)).startsWith("not JSON: ");
    }

    @Test
    void hugeValidMessageIsParsed() {
        String big = "x".repeat(1_000_000);
        CallbackMessage m = valid("{\"token\":\"Aa1Bb2Cc3D\",\"pipelineExecutionArn\":"
                + "\"arn:aws:sagemaker:us-east-1:111122223333:pipeline/p/execution/e1\",\"arguments\":{\"big\":\"" + big + "\"}}");
        assertThat(m.argumentsSummary()).hasSize(CallbackMessageParser.SUMMARY_LENGTH);
    }

    @Test
    void randomBinaryNeverThrows() {
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            String body = new String(bytes, StandardCharsets.ISO_8859_1);
            ParsedMessage parsed = parser.parse(body);
            assertThat(parsed).isNotNull();
            if (parsed instanceof ParsedMessage.Invalid invalid) {
                assertThat(invalid.reason()).isNotBlank();
            }
        }
        assertThat(invalid("\u0000\u0001{")).startsWith("not JSON: ");
    }
}
