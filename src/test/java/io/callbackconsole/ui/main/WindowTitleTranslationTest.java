package io.callbackconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.wording.TranslatedConsole;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A translation is a file: {@code labels_xx.properties} (a test bundle) changes the window's title and status bar. */
class WindowTitleTranslationTest {
    @Test
    void theTitleWithItsCountIsSaidInTheTranslation() throws Exception {
        assertThat(TranslatedConsole.read(Locale.forLanguageTag("xx"), Title.class))
                .isEqualTo("Callback Console — 3 xxxxxxx | Xxx xxxxxxxxx xx xxxxxx");
        assertThat(TranslatedConsole.read(Locale.ENGLISH, Title.class))
                .isEqualTo("Callback Console — 3 pending | Not connected");
    }

    /** The title with three callbacks waiting, and the header before any connection. */
    public static final class Title implements Supplier<String> {
        @Override
        public String get() {
            return MainWindow.titleFor(3) + " | " + ConnectionHeader.notConnected().title();
        }
    }
}
