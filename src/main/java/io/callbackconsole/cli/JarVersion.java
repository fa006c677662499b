package io.callbackconsole.cli;

/** The console's version as a migration records it. */
final class JarVersion {
    private JarVersion() {
    }

    /** The jar's version (as the launcher reads it); "dev" when run from classes. */
    static String of() {
        String version = JarVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
