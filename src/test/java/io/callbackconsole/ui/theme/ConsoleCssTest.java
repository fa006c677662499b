package io.callbackconsole.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.scene.paint.Color;
import org.junit.jupiter.api.Test;

/**
 * console.css holds no colour of its own but the environment marks: everything else is a colour each theme defines,
 * and every one it looks up exists in both themes (a misspelt variable would fall back to nothing, in silence).
 */
class ConsoleCssTest {
    static final Pattern LOOKED_UP = Pattern.compile("-(?:color|mark)-[a-z0-9-]+");
    static final Pattern DEFINED = Pattern.compile("(?m)^\\s*(-(?:color|mark)-[a-z0-9-]+)\\s*:");

    static String read(String resource) throws IOException {
        try (InputStream in = ConsoleCssTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String consoleCss() throws IOException {
        return read("/io/callbackconsole/ui/console.css").replaceAll("(?s)/\\*.*?\\*/", "");
    }

    /** The .root block that names the environment marks' fixed colours. */
    static String marksBlock(String css) {
        Matcher root = Pattern.compile("(?s)\\.root\\s*\\{(.*?)}").matcher(css);
        assertThat(root.find()).as("a .root block with the marks").isTrue();
        return root.group(1);
    }

    @Test
    void noFixedColourOutsideTheEnvironmentMarks() throws IOException {
        String css = consoleCss();
        String marks = marksBlock(css);
        assertThat(marks).containsPattern("-mark-production:\\s*#");
        String rest = css.replace(marks, "");
        assertThat(rest).doesNotContainPattern("#[0-9a-fA-F]{3,8}\\b").doesNotContainPattern("(?i)\\b(rgba?|hsba?)\\(");
        Set<String> namedColours = new TreeSet<>();
        Matcher values = Pattern.compile(":\\s*([^;{}]+);").matcher(rest);
        while (values.find()) {
            for (String word : values.group(1).trim().split("[\\s,]+")) {
                if (word.matches("[a-zA-Z]+") && !word.equalsIgnoreCase("transparent") && isColour(word)) {
                    namedColours.add(word);
                }
            }
        }
        assertThat(namedColours).as("named colours (white, red…) are fixed colours too").isEmpty();
        // The marks block defines the marks' variables and nothing else.
        assertThat(marks.replaceAll("(?m)^\\s*-mark-[a-z]+:\\s*#[0-9a-fA-F]{6};\\s*$", "").trim()).isEmpty();
    }

    @Test
    void everyLookedUpColourIsDefinedByBothThemesOrByTheMarks() throws IOException {
        String css = consoleCss();
        Set<String> used = matches(LOOKED_UP, css);
        assertThat(used).contains("-color-danger-fg", "-color-fg-muted", "-color-cell-fg", "-mark-sandbox");
        Set<String> marks = definitions(marksBlock(css));
        for (String theme : Set.of("primer-light", "primer-dark")) {
            Set<String> defined = definitions(read("/atlantafx/base/theme/" + theme + ".css"));
            defined.addAll(marks);
            assertThat(defined).as(theme).containsAll(used);
        }
    }

    static Set<String> matches(Pattern pattern, String text) {
        Set<String> found = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    static Set<String> definitions(String css) {
        Set<String> found = new TreeSet<>();
        Matcher m = DEFINED.matcher(css);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    static boolean isColour(String word) {
        try {
            Color.web(word);
            return true;
        } catch (IllegalArgumentException notAColour) {
            return false;
        }
    }
}
