package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.ui.ConsoleLaunch;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandHelpTest {

    /**
     * {@code --help} of the program and of every command reads as it did when the words were in the annotations
     * ({@code help-golden.txt} holds what it printed then), byte for byte: the bundle only moved them.
     */
    @Test
    void everyCommandsHelpReadsAsBefore() throws IOException {
        String now = helpOfEveryCommand();
        String before;
        try (InputStream golden = CommandHelpTest.class.getResourceAsStream("help-golden.txt")) {
            before = golden == null ? "" : new String(golden.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!now.equals(before)) {
            // For the reader of a failure: the whole text as it reads now, to compare with a diff tool.
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target/help-now.txt"), now, StandardCharsets.UTF_8);
        }
        assertThat(now).isEqualTo(before);
    }

    /** A line that opens the window shows no help, so it does not load the bundle (a JVM's first one costs ~30 ms). */
    @Test
    void aLineThatOpensTheWindowLoadsNoHelp() {
        assertThat(CallbackConsole.commandLine(false, new ConsoleLaunch()).getCommandSpec().resourceBundle()).isNull();
        assertThat(CallbackConsole.commandLine(true, new ConsoleLaunch()).getCommandSpec().resourceBundleBaseName())
                .isEqualTo("io.callbackconsole.cli.help");
    }

    /** A translation of the help is a file beside the bundle; what it leaves out is said in English. */
    @Test
    void aTranslatedHelpIsAFileBesideTheBundle() {
        Locale machine = Locale.getDefault();
        String fail;
        Locale.setDefault(Locale.forLanguageTag("xx"));
        try {
            fail = help(List.of("fail", "--help"));
        } finally {
            Locale.setDefault(machine);
        }

        assertThat(fail).contains("Xxxx x xxxxxxx xxxxxxxx xxxx.\nAsks for confirmation on a terminal; scripts pass"
                + " --yes.\n");
        assertThat(fail).containsPattern("--reason=TEXT +Xxx xxx xxxx xxxxx \\(xx xxxx 256 xxxxxxxxxx\\)\\.\n");
        assertThat(fail).containsPattern("-h, --help +Xxxx xxxx xxxx\\.\n");
        assertThat(fail).containsPattern("--yes +Do not ask for confirmation");
        assertThat(help(List.of("fail", "--help"))).contains("Fail a waiting callback step");
    }

    /**
     * Every entry of the bundle is one picocli reads (a command's usage text, one of its options, a shared connection
     * option, picocli's own words), and every option, shown or hidden, has its description there: none was lost on the
     * way from the annotations.
     */
    @Test
    void everyEntryOfTheHelpBundleIsReadAndEveryOptionHasOne() throws IOException {
        Set<String> readable = new TreeSet<>(List.of("usage.synopsisHeading", "usage.commandListHeading",
                "mixinStandardHelpOptions.help", "mixinStandardHelpOptions.version"));
        List<String> undescribed = new ArrayList<>();
        collectSpecs(CallbackConsole.commandLine(true, new ConsoleLaunch()), spec -> {
            String path = spec.qualifiedName(".");
            readable.addAll(List.of(path + ".usage.description", path + ".usage.exitCodeListHeading",
                    path + ".usage.exitCodeList"));
            if (spec.usageMessage().description().length == 0) {
                undescribed.add(path);
            }
            Set<CommandLine.Model.OptionSpec> shared = new HashSet<>();
            spec.mixins().values().forEach(mixin -> shared.addAll(mixin.options()));
            for (CommandLine.Model.OptionSpec option : spec.options()) {
                String name = option.longestName().replaceFirst("^-+", "");
                if (!option.usageHelp() && !option.versionHelp()) {
                    readable.add(shared.contains(option) ? name : path + "." + name);
                }
                if (String.join("", option.description()).isBlank()) {
                    undescribed.add(path + " " + option.longestName());
                }
            }
            for (CommandLine.Model.PositionalParamSpec positional : spec.positionalParameters()) {
                readable.add(path + "." + positional.descriptionKey());
                if (String.join("", positional.description()).isBlank()) {
                    undescribed.add(path + " " + positional.paramLabel());
                }
            }
        });
        Properties bundle = new Properties();
        try (InputStream in = CommandHelpTest.class.getResourceAsStream("/io/callbackconsole/cli/help.properties")) {
            bundle.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        Set<String> entries = new TreeSet<>();
        // Multi-line texts are KEY.0, KEY.1, ...; an exit code list is always numbered.
        bundle.stringPropertyNames().forEach(key -> entries.add(key.replaceFirst("\\.\\d+$", "")));

        assertThat(readable).containsAll(entries);
        assertThat(undescribed).isEmpty();
    }

    /** Every command's {@code --help}, as a terminal 80 columns wide without colours shows it, one after the other. */
    static String helpOfEveryCommand() {
        StringBuilder all = new StringBuilder();
        for (List<String> path : commandPaths()) {
            List<String> args = new ArrayList<>(path);
            args.add("--help");
            all.append("$ callback-console ").append(String.join(" ", args)).append('\n');
            all.append(help(args));
        }
        return all.toString();
    }

    /** The root, then every command and subcommand in the order help lists them. */
    static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        collect(CallbackConsole.commandLine(true, new ConsoleLaunch()), new ArrayList<>(), paths);
        return paths;
    }

    private static void collectSpecs(CommandLine command, Consumer<CommandLine.Model.CommandSpec> each) {
        each.accept(command.getCommandSpec());
        command.getSubcommands().values().forEach(sub -> collectSpecs(sub, each));
    }

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            collect(sub, subPath, paths);
        });
    }

    static String help(List<String> args) {
        Printed printed = printed(args);
        assertThat(printed.exitCode()).as("exit code of %s", args).isZero();
        assertThat(printed.err()).as("stderr of %s", args).isEmpty();
        return printed.out();
    }

    /** What a command line printed, without colours, on lines of 80 columns. */
    record Printed(int exitCode, String out, String err) {
    }

    static Printed printed(List<String> args) {
        CommandLine line = CallbackConsole.commandLine(true, new ConsoleLaunch());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        line.setUsageHelpWidth(80);
        int exitCode = line.execute(args.toArray(String[]::new));
        return new Printed(exitCode, out.toString(), err.toString());
    }
}
