package io.callbackconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DomainValidationTest {

    @Test
    void callbackTokenAcceptsTenLettersOrDigits() {
        assertThat(CallbackToken.of("26vcYbeWsZ").value()).isEqualTo("26vcYbeWsZ");
        assertThat(CallbackToken.isValid("0123456789")).isTrue();
    }

    @Test
    void callbackTokenOfWrongLengthSaysHowLongItIs() {
        assertThatThrownBy(() -> CallbackToken.of("abcdefghi"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("exactly 10")
                .hasMessageContaining("has 9");
        assertThatThrownBy(() -> CallbackToken.of("abcdefghijk")).hasMessageContaining("has 11");
    }

    @Test
    void callbackTokenWithSymbolsSaysWhichCharactersAreAllowed() {
        assertThatThrownBy(() -> CallbackToken.of("abc-def_gh"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("only letters A-Z, a-z and digits 0-9");
        assertThatThrownBy(() -> CallbackToken.of("abcdéfghij")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void missingCallbackTokenIsRefused() {
        assertThatThrownBy(() -> CallbackToken.of(null)).hasMessageContaining("required");
        assertThatThrownBy(() -> CallbackToken.of("")).hasMessageContaining("required");
    }

    @Test
    void failureReasonAllows256CodePointsAndNoMore() {
        assertThat(FailureReason.problemWith("x".repeat(256))).isNull();
        assertThat(FailureReason.problemWith("x".repeat(257)))
                .contains("257 characters").contains("at most 256").contains("Shorten it by 1");
        assertThatThrownBy(() -> FailureReason.of("x".repeat(257))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void failureReasonCountsAnEmojiOnceAsTheServiceDoes() {
        String emoji = "\uD83D\uDE80"; // two UTF-16 units, one code point
        assertThat(FailureReason.lengthOf(emoji.repeat(256))).isEqualTo(256);
        assertThat(FailureReason.problemWith(emoji.repeat(256))).isNull();
    }

    @Test
    void blankFailureReasonIsRefused() {
        assertThat(FailureReason.problemWith("   ")).contains("Type a failure reason");
        assertThat(FailureReason.problemWith(null)).contains("Type a failure reason");
    }

    @Test
    void clientRequestTokensAreFreshAndWithinTheServiceLimits() {
        ClientRequestToken a = ClientRequestToken.random();
        ClientRequestToken b = ClientRequestToken.random();
        assertThat(a).isNotEqualTo(b);
        assertThat(a.value().length()).isBetween(32, 128);
        assertThatThrownBy(() -> new ClientRequestToken("short")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> new ClientRequestToken("x".repeat(129))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void executionArnIsTakenApart() {
        PipelineExecutionArn arn = PipelineExecutionArn.of(
                "arn:aws-us-gov:sagemaker:us-gov-west-1:123456789012:pipeline/fraud-model/execution/a1b2c3d4e5f6");
        assertThat(arn.partition()).isEqualTo("aws-us-gov");
        assertThat(arn.region()).isEqualTo("us-gov-west-1");
        assertThat(arn.accountId()).isEqualTo("123456789012");
        assertThat(arn.pipelineName()).isEqualTo("fraud-model");
        assertThat(arn.executionId()).isEqualTo("a1b2c3d4e5f6");
        assertThat(arn.pipelineArn())
                .isEqualTo("arn:aws-us-gov:sagemaker:us-gov-west-1:123456789012:pipeline/fraud-model");
    }

    @Test
    void anArnOfAnotherServiceIsRefused() {
        assertThatThrownBy(() -> PipelineExecutionArn.of("arn:aws:s3:::not-a-pipeline"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a SageMaker pipeline execution ARN");
    }

    @Test
    void submissionKeepsMillisecondsOnly() {
        Submission submission = Submission.fail(CallbackToken.of("26vcYbeWsZ"),
                PipelineExecutionArn.of("arn:aws:sagemaker:us-east-2:012345678901:pipeline/p/execution/abc"),
                FailureReason.of("bad data"), new Operator("alice"), ConnectionId.sandbox(),
                Instant.parse("2026-11-25T10:00:00.123456789Z"));
        assertThat(submission.decidedAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00.123Z"));
        assertThat(submission.action()).isEqualTo(Action.FAIL);
    }
}
