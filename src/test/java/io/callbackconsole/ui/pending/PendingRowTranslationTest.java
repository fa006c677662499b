package io.callbackconsole.ui.pending;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.wording.TranslatedConsole;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A translation is a file: {@code labels_xx.properties} (a test bundle) changes what a pending row's Status says. */
class PendingRowTranslationTest {
    @Test
    void theStatusColumnSpeaksTheTranslationOfTheMachinesLocale() throws Exception {
        assertThat(TranslatedConsole.read(Locale.forLanguageTag("xx"), StaleRowInTranslation.class))
                .isEqualTo("Xxxxx: step Succeeded at 10:42");
        assertThat(TranslatedConsole.read(Locale.ENGLISH, StaleRowInTranslation.class))
                .isEqualTo("Stale: step Succeeded at 10:42");
    }
}
