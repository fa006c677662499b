package io.callbackconsole.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * What kind of environment an operator says a connection is, so the window's header tells production from the rest at
 * a glance. The sandbox is always {@link #SANDBOX}; AWS connections are what their operator marked them, or
 * {@link #UNMARKED}.
 */
public enum EnvironmentMark {
    SANDBOX("Sandbox"),
    PRODUCTION("Production"),
    STAGING("Staging"),
    DEVELOPMENT("Development"),
    UNMARKED("Not marked");

    private final String label;

    EnvironmentMark(String label) {
        this.label = label;
    }

    /** For choosers and headers: "Production". */
    public String label() {
        return label;
    }

    /** The marks an operator can give an AWS connection (the sandbox's is fixed). */
    public static EnvironmentMark[] forAws() {
        return new EnvironmentMark[] {PRODUCTION, STAGING, DEVELOPMENT, UNMARKED};
    }

    /** Reads a saved mark ("PRODUCTION"); empty for text no version of the console wrote, so a bad file is no crash. */
    public static Optional<EnvironmentMark> parse(String saved) {
        if (saved == null) {
            return Optional.empty();
        }
        try {
            EnvironmentMark mark = valueOf(saved.trim().toUpperCase(Locale.ROOT));
            return mark == SANDBOX ? Optional.empty() : Optional.of(mark);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return label;
    }
}
