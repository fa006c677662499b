package io.callbackconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reasons and outputs with control or text-direction characters are refused; text from outside is shown escaped. */
class UnsafeTextTest {

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x07, 0x08, 0x1B, 0x7F, 0x80, 0x9B, 0x9F, 0x061C, 0x200E, 0x200F, 0x202A, 0x202B,
            0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069})
    void aReasonWithAControlOrDirectionCharacterIsRefusedNamingItAndWhere(int codePoint) {
        String reason = "bad " + Character.toString(codePoint) + "data";
        String expectedCode = String.format("U+%04X", codePoint);
        assertThat(FailureReason.problemWith(reason)).contains(expectedCode).contains("at character 5")
                .contains("Remove it");
        assertThatThrownBy(() -> FailureReason.of(reason)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining(expectedCode).hasMessageContaining(Character.getName(codePoint));
    }

    @ParameterizedTest
    @ValueSource(strings = {"line one\nline two", "over\rwritten", "crlf\r\n", "nel\u0085", "ls\u2028", "ps\u2029"})
    void aReasonIsOneLine(String reason) {
        assertThatThrownBy(() -> FailureReason.of(reason)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("line break").hasMessageContaining("one line");
    }

    @Test
    void theForgedRowReasonIsRefusedAtItsEscape() {
        assertThatThrownBy(() -> FailureReason.of("x\u001b[2K OUTCOME FAIL AAAAAAAAAA spoofed-pipeline ACCEPTED"))
                .hasMessageContaining("ESCAPE (U+001B) at character 2");
        assertThatThrownBy(() -> FailureReason.of("\r\u001b[2K")).hasMessageContaining("CARRIAGE RETURN").hasMessageContaining("(U+000D)")
                .hasMessageContaining("at character 1");
    }

    @Test
    void positionsCountCharactersNotUtf16Units() {
        assertThat(FailureReason.problemWith("😀😀\u202Egnp.exe")).contains("RIGHT-TO-LEFT OVERRIDE (U+202E)")
                .contains("at character 3");
        assertThat(FailureReason.problemWith("half \uD83D pair")).contains("U+D83D").contains("at character 6");
    }

    @Test
    void ordinaryTextIncludingOtherScriptsIsAccepted() {
        for (String fine : List.of("Data drift above 5 % — rejected", "Zurückgewiesen: Äpfel", "נדחה: סטייה בנתונים",
                "مرفوض", "拒绝 😀", "C:\\data\\x.csv \\u001b typed as text")) {
            assertThat(FailureReason.problemWith(fine)).as(fine).isNull();
            assertThat(FailureReason.of(fine).text()).isEqualTo(fine);
        }
    }

    @Test
    void aReasonAnOlderConsoleJournaledCanStillBeReadBack() {
        // Recovery resends exactly what the intent holds, under the same request token.
        assertThat(new FailureReason("old\u001b[2Krow").text()).isEqualTo("old\u001b[2Krow");
        assertThatThrownBy(() -> new FailureReason("x".repeat(257))).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void shortenedEscapesTextFromOutsideInsteadOfRefusingIt() {
        FailureReason note = FailureReason.shortened("Dismissed: step said \"gone\r\n\u001b[31mred\u202E\"");
        assertThat(note.text()).isEqualTo("Dismissed: step said \"gone\\r\\n\\u001b[31mred\\u202e\"");
        assertThat(FailureReason.problemWith(note.text())).isNull();
    }

    @Test
    void shortenedCutsAtTheLimitButNeverInsideAnEscape() {
        String text = "x".repeat(250) + "\u001b" + "y".repeat(10);
        FailureReason note = FailureReason.shortened(text);
        assertThat(FailureReason.lengthOf(note.text())).isLessThanOrEqualTo(FailureReason.MAX_LENGTH);
        assertThat(note.text()).isEqualTo("x".repeat(250) + "…");
        assertThat(FailureReason.shortened("x".repeat(256)).text()).isEqualTo("x".repeat(256));
        assertThat(FailureReason.shortened("x".repeat(257)).text()).isEqualTo("x".repeat(255) + "…");
        assertThat(FailureReason.shortened("x".repeat(249) + "\n").text()).isEqualTo("x".repeat(249) + "\\n");
    }

    @Test
    void outputNamesAndValuesWithControlOrDirectionCharactersAreRefused() {
        assertThat(OutputParameters.problemsWith(List.of(new OutputParameter("note", "a\u001b]0;title\u0007"))))
                .singleElement().asString().contains("'note'").contains("ESCAPE (U+001B) at character 2");
        assertThat(OutputParameters.problemsWith(List.of(new OutputParameter("no\u202Ete", "x"))))
                .singleElement().asString().contains("name").contains("U+202E");
        assertThat(OutputParameters.problemsWith(List.of(new OutputParameter("note", "two\nlines"))))
                .singleElement().asString().contains("line break");
        assertThatThrownBy(() -> OutputParameters.of(List.of(new OutputParameter("note", "a\u009bb"))))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("U+009B");
        assertThat(OutputParameters.of(List.of(new OutputParameter("note", "fine, 😀"))).values()).hasSize(1);
    }

    @Test
    void typedOutputsAgainstTheirDeclarationAreRefusedTheSameWay() {
        List<DeclaredOutput> declared = List.of(new DeclaredOutput("note", OutputType.STRING));
        assertThat(OutputParameters.problemsByName(declared, Map.of("note", "gnp\u202E.exe")))
                .hasEntrySatisfying("note", problem -> assertThat(problem).contains("U+202E").contains("character 4"));
        assertThatThrownBy(() -> OutputParameters.fromDeclared(declared, Map.of("note", "a\tb")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("CHARACTER TABULATION (U+0009)");
    }

    @Test
    void journaledOutputsCanStillBeReadBack() {
        assertThat(new OutputParameters(List.of(new OutputParameter("note", "a\u001bb"))).values()).hasSize(1);
    }

    @Test
    void displayTextEscapesEveryUnsafeCharacterVisiblyAndLeavesTheRestAlone() {
        assertThat(DisplayText.escape("\r\u001b[2K… OUTCOME FAIL AAAAAAAAAA spoofed-pipeline ACCEPTED"))
                .isEqualTo("\\r\\u001b[2K… OUTCOME FAIL AAAAAAAAAA spoofed-pipeline ACCEPTED");
        assertThat(DisplayText.escape("a\nb\tc\u007f\u0085\u009b\u200f\u2066\u2028\uD800"))
                .isEqualTo("a\\nb\\tc\\u007f\\u0085\\u009b\\u200f\\u2066\\u2028\\ud800");
        assertThat(DisplayText.escape("gnp\u202E.exe")).isEqualTo("gnp\\u202e.exe");
        assertThat(DisplayText.escape("plain 😀 C:\\x")).isEqualTo("plain 😀 C:\\x");
        assertThat(DisplayText.escape(null)).isEmpty();
        for (int c = 0; c < 0x20; c++) {
            assertThat(DisplayText.escape(Character.toString(c))).startsWith("\\").doesNotContain(Character.toString(c));
        }
    }
}
