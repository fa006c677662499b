package io.callbackconsole.app;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Tells, before picocli builds the command tree, whether a command line certainly opens the window, so JavaFX can
 * start while picocli, logging and the window's environment are set up. "Certainly": when the answer is yes, picocli
 * accepts the line and the launcher opens the window, so nothing JavaFX prints on starting can mix into a usage
 * error. Any doubt is a no, and the window then starts after picocli has read the line, as it always did.
 *
 * <p>Yes only for: the console's own options (read from their {@code @Option} annotations), each at most once unless
 * it is a list; flags, and options whose value is taken as given (text, a folder); and no settings file to read
 * (with {@code --sandbox} or {@code --smoke}, or none saved), since a broken one refuses the launch. Help, version,
 * commands, numbers and URLs (which picocli may refuse) take the usual path.
 */
final class WindowLaunchPreview {
    private static final String DATA_DIR = "--data-dir";

    private WindowLaunchPreview() {
    }

    static boolean certainlyOpensWindow(String[] args) {
        Map<String, Field> options = optionsOf(CallbackConsole.class);
        Set<String> commands = commandNames(CallbackConsole.COMMANDS);
        Set<String> seen = new HashSet<>();
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            String name = arg.startsWith("--") && equals > 0 ? arg.substring(0, equals) : arg;
            Field field = options.get(name);
            if (field == null) {
                return false;
            }
            if (!seen.add(name) && field.getType() != List.class) {
                return false;
            }
            if (field.getType() == boolean.class) {
                if (equals > 0) {
                    return false;
                }
                continue;
            }
            if (field.getType() != String.class && field.getType() != Path.class && field.getType() != List.class) {
                return false;
            }
            String value;
            if (equals > 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("-") && !commands.contains(args[i + 1])) {
                // picocli does not take a command's name as an option's value
                value = args[++i];
            } else {
                return false;
            }
            if (field.getType() == Path.class && !isPath(value)) {
                return false;
            }
            values.put(name, value);
        }
        return !readsSettings(seen, values.get(DATA_DIR));
    }

    /**
     * Whether the line certainly opens the window on the sandbox: it {@link #certainlyOpensWindow certainly opens the
     * window} and names {@code --sandbox} or {@code --smoke}, or is empty with no settings saved (a first start).
     */
    static boolean certainlyOnSandbox(String[] args) {
        if (!certainlyOpensWindow(args)) {
            return false;
        }
        List<String> given = List.of(args);
        return args.length == 0 || given.contains("--sandbox") || given.contains("--smoke");
    }

    private static boolean isPath(String value) {
        try {
            Path.of(value);
            return true;
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** Whether the launch will read a settings file, which may refuse it. */
    private static boolean readsSettings(Set<String> given, String dataDir) {
        if (given.contains("--sandbox") || given.contains("--smoke")) {
            return false;
        }
        return Files.exists(AppDirectories.resolve(dataDir == null ? null : Path.of(dataDir)).settingsFile());
    }

    private static Set<String> commandNames(List<Class<?>> commands) {
        Set<String> names = new HashSet<>();
        for (Class<?> subcommand : commands) {
            Command annotation = subcommand.getAnnotation(Command.class);
            names.add(annotation.name());
            names.addAll(List.of(annotation.aliases()));
        }
        return names;
    }

    /** Option name → field, of {@code command} and its mixins. */
    private static Map<String, Field> optionsOf(Class<?> command) {
        Map<String, Field> options = new HashMap<>();
        for (Field field : command.getDeclaredFields()) {
            Option option = field.getAnnotation(Option.class);
            if (option != null) {
                for (String name : option.names()) {
                    options.put(name, field);
                }
            } else if (field.isAnnotationPresent(Mixin.class)) {
                options.putAll(optionsOf(field.getType()));
            }
        }
        return options;
    }
}
