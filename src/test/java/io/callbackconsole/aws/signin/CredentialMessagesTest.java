package io.callbackconsole.aws.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The sign-in sentences come from their bundle, word for word as the code wrote them before, and translate. */
class CredentialMessagesTest {

    @Test
    void everyStateIsExplainedAsBeforeTheWordsMovedIntoTheBundle() throws IOException {
        List<String[]> golden = golden();
        assertThat(golden).hasSize(CredentialState.values().length * 2 * 3);
        for (String[] row : golden) {
            CredentialState state = CredentialState.valueOf(row[0]);
            String profile = row[1].equals("-") ? null : row[1];
            String subject = row[2].equals("-") ? null : row[2].equals("(blank)") ? "" : row[2];
            assertThat(CredentialMessages.explain(new CredentialProblem(state, profile, subject),
                    CredentialMessages.words(Locale.ROOT))).as("%s, profile %s, subject %s", row[0], row[1], row[2])
                    .isEqualTo(row[3]);
        }
    }

    @Test
    void aTranslationIsAFileAndWhatItLeavesOutIsSaidInEnglish() {
        var xx = CredentialMessages.words(new Locale("xx"));

        assertThat(CredentialMessages.explain(new CredentialProblem(CredentialState.CLOCK_SKEW, "prod", null), xx))
                .isEqualTo("Xx profile \"prod\" xx xxxxx.");
        assertThat(CredentialMessages.explain(new CredentialProblem(CredentialState.SSO_EXPIRED, "prod", null), xx))
                .startsWith("The AWS SSO sign-in of profile \"prod\" has expired, so nothing was sent.");
    }

    /**
     * What the code said before the move, one line per state, profile and subject ({@code -} for none). A blank
     * subject now reads as none: before, it showed as "()" or "(device )".
     */
    private static List<String[]> golden() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(Objects.requireNonNull(
                CredentialMessagesTest.class.getResourceAsStream("/io/callbackconsole/aws/credentials-golden.tsv")),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                rows.add(line.split("\t", 4));
            }
        }
        return rows;
    }
}
