package io.callbackconsole.app;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Optional;

/**
 * Says whether the JVM started from the ahead-of-time cache its launcher named. The packaged launcher passes
 * {@code -XX:AOTCache}; a cache that no longer matches the installation's jars (a jar replaced, files copied with new
 * modification times) is skipped by the JVM with a warning on stderr, which a start from the desktop menu never
 * shows, so the log says it instead.
 */
final class AotCacheUse {
    private static final String OPTION = "-XX:AOTCache=";

    private AotCacheUse() {
    }

    /** The sentence for this JVM; empty when it was started without a cache (java -jar, the tests). */
    static Optional<String> ofThisJvm() {
        return describe(ManagementFactory.getRuntimeMXBean().getInputArguments(), System.getProperty("java.vm.info"));
    }

    /**
     * @param jvmArguments the JVM's own options, as the runtime MXBean lists them
     * @param vmInfo       the {@code java.vm.info} property: it says "sharing" while classes come from an archive, and a
     *                     JVM that could not map the cache it was given runs with no archive at all
     */
    static Optional<String> describe(List<String> jvmArguments, String vmInfo) {
        String cache = null;
        for (String argument : jvmArguments) {
            if (argument.startsWith(OPTION)) {
                cache = argument.substring(OPTION.length());
            }
        }
        if (cache == null) {
            return Optional.empty();
        }
        if (vmInfo != null && vmInfo.contains("sharing")) {
            return Optional.of("Started from the AOT cache " + cache);
        }
        return Optional.of("Started without the AOT cache " + cache + ": it does not match this installation (a jar"
                + " changed or was copied with a new time since the build, or the file is missing); the window shows"
                + " later until the console is installed again");
    }

    static boolean used(String sentence) {
        return sentence.startsWith("Started from");
    }
}
