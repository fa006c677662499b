package io.callbackconsole.app;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The version and build the jar's manifest states: {@code Implementation-Version}, and {@code Build-Revision} /
 * {@code Build-Time} written by the build. "dev" when run from classes, as in tests.
 */
public final class ConsoleVersion {
    private ConsoleVersion() {
    }

    public static String current() {
        String version = ConsoleVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** The build, e.g. "revision 1a2b3c4, built 2026-11-25T07:40:00Z"; "dev build" when run from classes. */
    public static String build() {
        Attributes manifest = ownManifest();
        if (manifest == null) {
            return "dev build";
        }
        return "revision " + valueOr(manifest.getValue("Build-Revision"), "unknown")
                + ", built " + valueOr(manifest.getValue("Build-Time"), "unknown");
    }

    /** The manifest of the jar this class was loaded from, not of whichever jar comes first on the class path. */
    private static Attributes ownManifest() {
        try {
            var source = ConsoleVersion.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path location = Path.of(source.getLocation().toURI());
            if (!Files.isRegularFile(location)) {
                return null;
            }
            try (JarFile jar = new JarFile(location.toFile())) {
                return jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
            }
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static String valueOr(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
