package io.callbackconsole.ui.main;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.EnvironmentMark;
import io.callbackconsole.ui.EnvironmentMarks;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The environment mark (the header's colour) of each connection: saved with the profile chosen in Connect…, read back
 * for later connections. A marks file that cannot be read or written costs the colour, never the connection; the
 * reason is logged. Blocking: off the FX thread.
 */
final class ConnectionMarks {
    private static final Logger log = LoggerFactory.getLogger(ConnectionMarks.class);

    private final EnvironmentMarks store;

    ConnectionMarks(EnvironmentMarks store) {
        this.store = store;
    }

    /** Saves {@code chosen} for the profile of {@code settings}, or reads the saved one; the sandbox is always SANDBOX. */
    EnvironmentMark markFor(ConnectionSettings settings, Optional<EnvironmentMark> chosen) {
        if (settings.sandbox()) {
            return EnvironmentMark.SANDBOX;
        }
        try {
            if (chosen.isPresent()) {
                store.save(EnvironmentMarks.keyOf(settings), chosen.get());
                return chosen.get();
            }
            return EnvironmentMarks.markOf(settings, store.load());
        } catch (Exception e) {
            log.warn("The environment mark of {} cannot be {}: {}", settings.label(),
                    chosen.isPresent() ? "saved" : "read", e.getMessage());
            return chosen.orElse(EnvironmentMark.UNMARKED);
        }
    }

    /** Every saved mark, for the Connect dialog; empty when unreadable. */
    Map<String, EnvironmentMark> saved() {
        try {
            return store.load();
        } catch (Exception e) {
            log.warn("The environment marks cannot be read: {}", e.getMessage());
            return Map.of();
        }
    }
}
