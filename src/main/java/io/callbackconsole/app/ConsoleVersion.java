package io.callbackconsole.app;

/** The version the jar's manifest states ("dev" when run from classes, as in tests). */
public final class ConsoleVersion {
    private ConsoleVersion() {
    }

    public static String current() {
        String version = ConsoleVersion.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
