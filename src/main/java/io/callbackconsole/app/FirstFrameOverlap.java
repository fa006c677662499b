package io.callbackconsole.app;

/**
 * Whether a launch does its connection's slow start-up work (starting the sandbox, making the AWS clients) beside
 * JavaFX's start and the window's first frame, or once the window is shown. Beside it only on a machine with cores to
 * spare for it: on 2 cores the window and that work share them, and measured there (README, Performance) the window
 * came 0.6 s later for first rows as late (the packaged runtime with its AOT cache) or 0.8 s sooner ({@code java -jar}
 * on JDK 17). The properties decide instead when set to "true" or "false": how {@code packaging/measure-startup.sh}
 * measures both orders in one build.
 */
final class FirstFrameOverlap {
    /** Set to "true" or "false": the sandbox starts beside the first frame, or when the window connects. */
    static final String EARLY_SANDBOX_PROPERTY = "callbackconsole.earlySandbox";
    /** Set to "true" or "false": an AWS connection's clients are made beside the first frame, or when it connects. */
    static final String EARLY_CLIENTS_PROPERTY = "callbackconsole.earlyClients";
    /** The fewest cores on which the work goes beside the first frame unless a property says otherwise. */
    static final int FEWEST_CORES = 4;

    private FirstFrameOverlap() {
    }

    /** Whether this launch starts the sandbox beside the first frame. */
    static boolean sandbox() {
        return beside(System.getProperty(EARLY_SANDBOX_PROPERTY), Runtime.getRuntime().availableProcessors());
    }

    /** Whether this launch makes its AWS connection's clients beside the first frame. */
    static boolean awsClients() {
        return beside(System.getProperty(EARLY_CLIENTS_PROPERTY), Runtime.getRuntime().availableProcessors());
    }

    /** @param setting the property's value, or null; anything but "true" and "false" counts as unset */
    static boolean beside(String setting, int cores) {
        if ("true".equals(setting)) {
            return true;
        }
        if ("false".equals(setting)) {
            return false;
        }
        return cores >= FEWEST_CORES;
    }
}
