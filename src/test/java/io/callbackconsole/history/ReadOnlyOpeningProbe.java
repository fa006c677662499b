package io.callbackconsole.history;

import java.nio.file.Path;

/**
 * Run by {@link HistoryReadOnlyOpeningTest} as an unprivileged user (root writes whatever the modes say): how a
 * read-only store opens FILE, and whether the chain in it verifies. Prints {@code MODE VERIFIED}.
 */
public final class ReadOnlyOpeningProbe {
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        HistoryOptions readOnly = HistoryOptions.defaults().asReadOnly();
        HistoryConnections.ReadMode mode = HistoryConnections.ReadMode.of(file, readOnly);
        try (AuditLog log = AuditLog.open(file, readOnly)) {
            System.out.println(mode + " " + (log.verify().chainIntact() ? "VERIFIED" : "BROKEN"));
        }
    }
}
