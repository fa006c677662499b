package io.callbackconsole.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputParametersTest {
    static final List<DeclaredOutput> DECLARED = List.of(new DeclaredOutput("count", OutputType.INTEGER),
            new DeclaredOutput("score", OutputType.FLOAT), new DeclaredOutput("ok", OutputType.BOOLEAN),
            new DeclaredOutput("note", OutputType.STRING));

    @Test
    void valuesOfTheirDeclaredTypesAreAcceptedAndEmptyOnesLeftOut() {
        OutputParameters outputs = OutputParameters.fromDeclared(DECLARED,
                Map.of("count", "-12", "score", "1.5e3", "ok", "false", "note", ""));
        assertThat(outputs.values()).containsExactly(new OutputParameter("count", "-12"),
                new OutputParameter("score", "1.5e3"), new OutputParameter("ok", "false"));
        assertThat(outputs.summary()).isEqualTo("count=-12, score=1.5e3, ok=false");
    }

    @ParameterizedTest
    @CsvSource({"count, 1.5, whole number", "count, twelve, whole number", "score, NaN, number",
            "score, '1,5', number", "ok, yes, true or false", "ok, TRUE, true or false"})
    void aValueNotOfItsDeclaredTypeIsRefusedSayingWhy(String name, String value, String expected) {
        assertThat(OutputParameters.problemsByName(DECLARED, Map.of(name, value))).containsOnlyKeys(name)
                .hasEntrySatisfying(name, problem -> assertThat(problem).contains(expected).contains(value));
        assertThatThrownBy(() -> OutputParameters.fromDeclared(DECLARED, Map.of(name, value)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining(name);
    }

    @Test
    void theApiLimitsAreEnforced() {
        assertThatThrownBy(() -> OutputParameters.fromDeclared(DECLARED, Map.of("note", "x".repeat(1025))))
                .hasMessageContaining("1025 characters").hasMessageContaining("at most 1024");
        assertThat(OutputParameters.fromDeclared(DECLARED, Map.of("note", "x".repeat(1024))).values()).hasSize(1);
        assertThatThrownBy(() -> new OutputParameters(List.of(new OutputParameter("n".repeat(257), "v"))))
                .hasMessageContaining("257 characters");
        List<OutputParameter> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(new OutputParameter("p" + i, "v"));
        }
        assertThatThrownBy(() -> new OutputParameters(many)).hasMessageContaining("51 output parameters")
                .hasMessageContaining("at most 50");
        assertThat(new OutputParameters(many.subList(0, 50)).values()).hasSize(50);
        assertThatThrownBy(() -> new OutputParameters(List.of(new OutputParameter("a", "1"),
                new OutputParameter("a", "2")))).hasMessageContaining("twice");
        assertThatThrownBy(() -> new OutputParameters(List.of(new OutputParameter(" ", "1"))))
                .hasMessageContaining("no name");
    }
}
