package io.callbackconsole.cli;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.history.HistoryMigration;
import io.callbackconsole.history.HistoryUnavailableException;
import io.callbackconsole.history.TeamHistoryLocation;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code history migrate --history URL|FILE [--check]}: upgrades a history's schema on its own, so a database
 * administrator can do it in a change window as the owner role and the consoles' INSERT-and-SELECT role meets a
 * database already migrated.
 */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Apply every pending schema migration of a history: a team history on PostgreSQL (run it as"
                + " the role that owns the tables) or a history file. All of a team history's migrations run in one"
                + " transaction under the migration lock, so a refusal or failure leaves nothing half-applied.",
                "With --check nothing is changed: the current and the latest version and the pending migrations are"
                        + " printed."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Migrated, or already at the latest schema (said on stdout).",
            "2:Bad input (no --history, a URL with a password).",
            "5:The history cannot be reached or read, its schema is newer than this console's, or this role may not"
                    + " change the schema (the message names the owner role); nothing was changed.",
            "7:With --check: migrations are pending (listed on stdout); nothing was changed."})
public final class HistoryMigrateCommand implements Callable<Integer>, ScriptCommand {

    @Option(names = "--history", paramLabel = "URL|FILE", required = true, description = "The team history on"
            + " PostgreSQL (postgresql://ROLE@HOST:PORT/DB?sslmode=verify-full or jdbc:postgresql://…; the password"
            + " comes from ~/.pgpass, PGPASSFILE or PGPASSWORD), or a history file (history.db).")
    String history;

    @Option(names = "--check", description = "Change nothing: print the schema version, the latest and the pending"
            + " migrations; exit 7 when some are pending.")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            if (TeamHistoryLocation.isTeamHistory(history)) {
                TeamHistoryLocation location = parse(history);
                // The display form holds no password and is what every other message names the history by.
                String where = "Team history " + location.display();
                if (!check) {
                    return report(where, HistoryMigration.migrateTeam(location, JarVersion.of()));
                }
                HistoryMigration.Status status = HistoryMigration.checkTeam(location);
                // The owner's name comes from the server's catalog: shown escaped, as any text from outside.
                String owner = status.owner().map(DisplayText::escape).orElse(null);
                return report(where, status, (owner == null ? "as the role meant to own the tables"
                        : "as the owner role " + owner) + ": callback-console history migrate --history "
                        + location.displayAs(owner == null ? "ROLE" : owner));
            }
            Path file = Path.of(history).toAbsolutePath().normalize();
            String shown = DisplayText.escape(file.toString());
            return check ? report("History " + shown, HistoryMigration.checkFile(file),
                    "with: callback-console history migrate --history " + shown)
                    : report("History " + shown, HistoryMigration.migrateFile(file));
        } catch (HistoryUnavailableException e) {
            throw new CommandFailure(ExitCodes.HISTORY_UNAVAILABLE, e.getMessage());
        }
    }

    private static TeamHistoryLocation parse(String url) {
        try {
            return TeamHistoryLocation.parse(url);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, e.getMessage());
        }
    }

    private int report(String where, HistoryMigration.Applied applied) {
        PrintWriter out = spec.commandLine().getOut();
        if (applied.applied() == 0) {
            out.println(where + ": already at schema " + applied.version());
        } else {
            out.println(where + ": schema " + applied.from() + " -> " + applied.version() + " (" + applied.applied()
                    + (applied.applied() == 1 ? " migration" : " migrations") + " applied)");
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** @param howToApply how the pending migrations are applied, after "Apply them" */
    private int report(String where, HistoryMigration.Status status, String howToApply) {
        PrintWriter out = spec.commandLine().getOut();
        if (status.upToDate()) {
            out.println(where + ": schema " + status.version() + ", the latest; no migrations pending.");
            out.flush();
            return ExitCodes.OK;
        }
        int count = status.pending().size();
        out.println(where + ": schema " + status.version() + ", latest " + status.latest() + "; " + count
                + (count == 1 ? " migration" : " migrations") + " pending:");
        for (HistoryMigration.Pending pending : status.pending()) {
            out.println("  " + pending.version() + "  " + pending.purpose());
        }
        out.println("Apply " + (count == 1 ? "it " : "them ") + howToApply);
        out.flush();
        return ExitCodes.MIGRATIONS_PENDING;
    }
}
