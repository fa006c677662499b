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
@Command(name = "migrate", mixinStandardHelpOptions = true)
public final class HistoryMigrateCommand implements Callable<Integer>, ScriptCommand {

    @Option(names = "--history", paramLabel = "URL|FILE", required = true)
    String history;

    @Option(names = "--check")
    boolean check;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        try {
            if (TeamHistoryLocation.isTeamHistory(history)) {
                TeamHistoryLocation location = parse(history);
                // The display form holds no password and is what every other message names the history by.
                String where = TerminalWords.text("migrate.teamHistory", location.display());
                if (!check) {
                    return report(where, HistoryMigration.migrateTeam(location, JarVersion.of()));
                }
                HistoryMigration.Status status = HistoryMigration.checkTeam(location);
                // The owner's name comes from the server's catalog: shown escaped, as any text from outside.
                String owner = status.owner().map(DisplayText::escape).orElse(null);
                return report(where, status, owner == null
                        ? TerminalWords.text("migrate.howAsOwnerToBe", location.displayAs("ROLE"))
                        : TerminalWords.text("migrate.howAsOwner", owner, location.displayAs(owner)));
            }
            Path file = Path.of(history).toAbsolutePath().normalize();
            String shown = DisplayText.escape(file.toString());
            String where = TerminalWords.text("migrate.file", shown);
            return check ? report(where, HistoryMigration.checkFile(file),
                    TerminalWords.text("migrate.howForFile", shown))
                    : report(where, HistoryMigration.migrateFile(file));
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
            out.println(TerminalWords.text("migrate.alreadyLatest", where, applied.version()));
        } else {
            out.println(applied.applied() == 1
                    ? TerminalWords.text("migrate.appliedOne", where, applied.from(), applied.version(), 1)
                    : TerminalWords.text("migrate.applied", where, applied.from(), applied.version(),
                            applied.applied()));
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** @param howToApply how the pending migrations are applied, after "Apply them" (migrate.how...) */
    private int report(String where, HistoryMigration.Status status, String howToApply) {
        PrintWriter out = spec.commandLine().getOut();
        if (status.upToDate()) {
            out.println(TerminalWords.text("migrate.upToDate", where, status.version()));
            out.flush();
            return ExitCodes.OK;
        }
        int count = status.pending().size();
        out.println(count == 1 ? TerminalWords.text("migrate.pendingOne", where, status.version(), status.latest(), 1)
                : TerminalWords.text("migrate.pending", where, status.version(), status.latest(), count));
        for (HistoryMigration.Pending pending : status.pending()) {
            out.println("  " + pending.version() + "  " + pending.purpose());
        }
        out.println(count == 1 ? TerminalWords.text("migrate.applyIt", howToApply)
                : TerminalWords.text("migrate.applyThem", howToApply));
        out.flush();
        return ExitCodes.MIGRATIONS_PENDING;
    }
}
