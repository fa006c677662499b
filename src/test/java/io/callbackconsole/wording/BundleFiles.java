package io.callbackconsole.wording;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks of a bundle's files as a translator writes them (every pattern well-formed, no key the base lacks), and of
 * the keys the product's sources ask for.
 */
public final class BundleFiles {
    private static final Pattern LONE_QUOTE = Pattern.compile("(?<!')'(?!')");
    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    private BundleFiles() {
    }

    /**
     * The keys the product's sources ask for through {@code use}, whose group 1 is the opening quote of a literal
     * key and group 2 the key; a key that is not a literal fails, since it could not be checked.
     */
    public static Set<String> keysUsed(Pattern use) throws IOException {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".java"))::iterator) {
                Matcher found = use.matcher(Files.readString(file, StandardCharsets.UTF_8));
                while (found.find()) {
                    assertThat(found.group(1)).as("the key of a use in %s is a literal: %s", file, found.group())
                            .isEqualTo("\"");
                    keys.add(found.group(2));
                }
            }
        }
        return keys;
    }

    /**
     * Asserts that the base file and every translation beside it (in the main or test resources) hold only
     * well-formed MessageFormat patterns, that a translation names no key the base lacks, and that it uses the
     * base's arguments: a translation is a file, and a broken one fails the build.
     */
    public static void assertWellFormed(String folder, String name) throws IOException {
        Properties base = read(Path.of("src/main/resources", folder, name + ".properties"));
        assertPatterns(name, base);
        for (Path translation : translations(folder, name)) {
            Properties translated = read(translation);
            assertPatterns(translation.toString(), translated);
            assertThat(base.stringPropertyNames()).as("keys of %s that %s.properties lacks", translation, name)
                    .containsAll(translated.stringPropertyNames());
            for (String key : translated.stringPropertyNames()) {
                assertThat(arguments(translated.getProperty(key))).as("arguments of %s in %s", key, translation)
                        .isEqualTo(arguments(base.getProperty(key)));
            }
        }
    }

    public static List<Path> translations(String folder, String name) throws IOException {
        List<Path> found = new ArrayList<>();
        for (String root : List.of("src/main/resources", "src/test/resources")) {
            Path dir = Path.of(root, folder);
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    files.filter(f -> f.getFileName().toString().matches(Pattern.quote(name) + "_[A-Za-z_]+\\.properties"))
                            .forEach(found::add);
                }
            }
        }
        return found;
    }

    private static void assertPatterns(String file, Properties words) {
        for (String key : words.stringPropertyNames()) {
            String pattern = words.getProperty(key);
            // A lone quote would silently swallow the text after it: MessageFormat quotes with it.
            assertThat(LONE_QUOTE.matcher(pattern).find()).as("a lone ' in %s of %s (write '')", key, file).isFalse();
            new MessageFormat(pattern);
        }
    }

    private static List<String> arguments(String pattern) {
        return ARGUMENT.matcher(pattern).results().map(m -> m.group(1)).distinct().sorted().toList();
    }

    private static Properties read(Path file) throws IOException {
        Properties words = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            words.load(in);
        }
        return words;
    }
}
