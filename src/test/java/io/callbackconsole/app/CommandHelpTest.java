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
import java.util.List;
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

    private static void collect(CommandLine command, List<String> path, List<List<String>> paths) {
        paths.add(List.copyOf(path));
        command.getSubcommands().forEach((name, sub) -> {
            List<String> subPath = new ArrayList<>(path);
            subPath.add(name);
            collect(sub, subPath, paths);
        });
    }

    static String help(List<String> args) {
        CommandLine line = CallbackConsole.commandLine(true, new ConsoleLaunch());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        line.setUsageHelpWidth(80);
        int exitCode = line.execute(args.toArray(String[]::new));
        assertThat(exitCode).as("exit code of %s", args).isZero();
        assertThat(err.toString()).as("stderr of %s", args).isEmpty();
        return out.toString();
    }
}
