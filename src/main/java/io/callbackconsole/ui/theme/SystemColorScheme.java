package io.callbackconsole.ui.theme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Whether the desktop prefers a dark or a light look. JavaFX 21 cannot say (its Platform.Preferences came in JavaFX
 * 22), so this asks what each desktop itself reads, and says nothing when unsure:
 * <ul>
 * <li>Linux and other Unix desktops: {@code GTK_THEME} when set (a theme named {@code …:dark} or {@code …-dark} is
 * dark; any other is light), else GNOME's {@code gsettings get org.gnome.desktop.interface color-scheme}
 * ({@code 'prefer-dark'} or {@code 'prefer-light'}), else the name of its {@code gtk-theme}.</li>
 * <li>macOS: {@code defaults read -g AppleInterfaceStyle} prints {@code Dark} in dark mode and fails otherwise.</li>
 * <li>Windows: {@code AppsUseLightTheme} under {@code HKCU\…\Themes\Personalize}, {@code 0x0} for dark.</li>
 * </ul>
 * Blocking (it may start a process, given at most {@link #COMMAND_TIMEOUT_MILLIS}): call it off the FX thread.
 */
public final class SystemColorScheme {
    static final long COMMAND_TIMEOUT_MILLIS = 1500;

    /** Runs a fixed command and returns what it printed, or empty when it failed, timed out or does not exist. */
    @FunctionalInterface
    public interface Commands {
        Optional<String> output(List<String> command);
    }

    private final String osName;
    private final Map<String, String> environment;
    private final Commands commands;

    public SystemColorScheme(String osName, Map<String, String> environment, Commands commands) {
        this.osName = osName == null ? "" : osName.toLowerCase(Locale.ROOT);
        this.environment = environment;
        this.commands = commands;
    }

    /** This machine's desktop. */
    public static SystemColorScheme ofThisMachine() {
        return new SystemColorScheme(System.getProperty("os.name"), System.getenv(), SystemColorScheme::run);
    }

    /** A system that states no preference. */
    public static SystemColorScheme unknown() {
        return new SystemColorScheme("", Map.of(), command -> Optional.empty());
    }

    /** The preferred theme, or empty when the desktop does not say. */
    public Optional<ConsoleTheme> preferred() {
        if (osName.startsWith("mac")) {
            // The key exists only in dark mode: a failing read means light.
            return Optional.of(commands.output(List.of("defaults", "read", "-g", "AppleInterfaceStyle"))
                    .filter(out -> out.trim().equalsIgnoreCase("dark")).isPresent() ? ConsoleTheme.DARK
                    : ConsoleTheme.LIGHT);
        }
        if (osName.startsWith("windows")) {
            return commands.output(List.of("reg", "query",
                            "HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Themes\\Personalize",
                            "/v", "AppsUseLightTheme"))
                    .flatMap(SystemColorScheme::windowsAnswer);
        }
        if (osName.isEmpty()) {
            return Optional.empty();
        }
        String gtkTheme = environment.get("GTK_THEME");
        if (gtkTheme != null && !gtkTheme.isBlank()) {
            return Optional.of(darkName(gtkTheme) ? ConsoleTheme.DARK : ConsoleTheme.LIGHT);
        }
        Optional<String> scheme = commands.output(
                List.of("gsettings", "get", "org.gnome.desktop.interface", "color-scheme")).map(String::trim);
        if (scheme.filter(s -> s.equals("'prefer-dark'")).isPresent()) {
            return Optional.of(ConsoleTheme.DARK);
        }
        if (scheme.filter(s -> s.equals("'prefer-light'")).isPresent()) {
            return Optional.of(ConsoleTheme.LIGHT);
        }
        // 'default', or a GNOME older than 42 without the key: the GTK theme's name is all there is.
        return commands.output(List.of("gsettings", "get", "org.gnome.desktop.interface", "gtk-theme"))
                .map(String::trim).filter(name -> !name.isEmpty())
                .map(name -> darkName(name) ? ConsoleTheme.DARK : ConsoleTheme.LIGHT);
    }

    /** {@code Adwaita:dark}, {@code 'Yaru-dark'}, {@code Arc-Dark}: GTK's naming of dark variants. */
    private static boolean darkName(String themeName) {
        String name = themeName.toLowerCase(Locale.ROOT).replace("'", "");
        return name.endsWith(":dark") || name.endsWith("-dark") || name.endsWith("_dark") || name.contains("-dark-");
    }

    private static Optional<ConsoleTheme> windowsAnswer(String output) {
        for (String line : output.split("\\R")) {
            if (line.contains("AppsUseLightTheme")) {
                String value = line.trim().toLowerCase(Locale.ROOT);
                if (value.endsWith("0x0")) {
                    return Optional.of(ConsoleTheme.DARK);
                }
                if (value.endsWith("0x1")) {
                    return Optional.of(ConsoleTheme.LIGHT);
                }
            }
        }
        return Optional.empty();
    }

    /** Runs {@code command} with no input, its error output discarded, for at most the time-out. */
    static Optional<String> run(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(nullFile()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException | RuntimeException notThere) {
            return Optional.empty();
        }
        try (InputStream out = process.getInputStream()) {
            if (!process.waitFor(COMMAND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return Optional.empty();
            }
            // The answers are one short line; a command that prints more is not one of these.
            String text = new String(out.readNBytes(4096), StandardCharsets.UTF_8);
            return process.exitValue() == 0 ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static java.io.File nullFile() {
        return new java.io.File(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")
                ? "NUL" : "/dev/null");
    }
}
