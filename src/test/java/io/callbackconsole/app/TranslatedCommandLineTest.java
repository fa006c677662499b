package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.ui.ConsoleLaunch;
import io.callbackconsole.wording.TranslatedConsole;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line as a machine set to another locale runs it: its help and its sentences come from that file. */
class TranslatedCommandLineTest {

    @Test
    void aTranslationChangesACommandsHelpAndItsSentences() throws Exception {
        String xx = TranslatedConsole.read(Locale.forLanguageTag("xx"), FailWithoutATarget.class);

        assertThat(xx).contains("Xxxx x xxxxxxx xxxxxxxx xxxx.").contains("Xxxx xxxxxxx xxx xx: x TOKEN, --pipeline"
                + " NAME, --all-stale.\n[exit 2]");
        // What the translation leaves out is said in English.
        assertThat(xx).contains("Asks for confirmation on a terminal; scripts pass --yes.");
    }

    @Test
    void withoutATranslationTheCommandLineSpeaksEnglish() throws Exception {
        String yy = TranslatedConsole.read(Locale.forLanguageTag("yy"), FailWithoutATarget.class);

        assertThat(yy).contains("Fail a waiting callback step").contains("Name exactly one of: a TOKEN, --pipeline"
                + " NAME, --all-stale.\n[exit 2]");
    }

    /** {@code fail --help}, then {@code fail} with a reason and nothing to fail: its help and its refusal. */
    public static final class FailWithoutATarget implements Supplier<String> {
        @Override
        public String get() {
            return run("fail", "--help") + run("fail", "--reason", "Rolled back");
        }

        private static String run(String... args) {
            CommandLine line = CallbackConsole.commandLine(true, new ConsoleLaunch());
            StringWriter printed = new StringWriter();
            line.setOut(new PrintWriter(printed, true));
            line.setErr(new PrintWriter(printed, true));
            int exitCode = line.execute(args);
            return printed + "[exit " + exitCode + "]\n";
        }
    }
}
