package io.callbackconsole.cli;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.ChainHead;
import io.callbackconsole.history.ChainVerification;
import io.callbackconsole.history.FileHeadWitness;
import io.callbackconsole.history.HistoryOptions;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.HistoryUnavailableException;
import io.callbackconsole.history.ImportedChain;
import io.callbackconsole.history.TeamHistoryLocation;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Walks the audit history's hash chain and says whether every row is as it was written. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the audit history's SHA-256 chain: every row as written, none deleted or inserted.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:The chain is intact (\"N rows verified, head SEQ:HASH\"), every --expect-head is on it, and so is every"
                    + " head the console witnessed beside the file (history.db.witness).",
            "4:The chain is broken, cut or rewritten: the first row that does not match, or the head that is missing"
                    + " or differs, is named on stderr; or (--history) a file imported into the team history no longer"
                    + " verifies from it.",
            "5:The history cannot be read."})
public final class VerifyCommand implements Callable<Integer>, ScriptCommand {
    private final CommandEnvironment environment;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The data directory whose history to check (also: CALLBACK_CONSOLE_HOME).")
    Path dataDir;

    @Option(names = "--immutable", description = "Read the history as an unchanging copy (SQLite immutable=1): no"
            + " lock taken, no -wal or -shm created, nothing written. Chosen by itself when the file's directory"
            + " cannot be written; give it for a copy whose permissions do not stop you (root), or on a mount that"
            + " looks writable but is not.")
    boolean immutable;

    @Option(names = "--sandbox", description = "Check the sandbox's history, which is kept apart from the AWS connections' history.")
    boolean sandbox;

    @Option(names = "--expect-head", paramLabel = "SEQ:HASH", converter = ChainHeadConverter.class,
            description = "A head noted earlier (from an export header or an earlier verify): say whether the history"
                    + " is intact and extended since, was cut (row SEQ is gone) or rewritten (row SEQ has another"
                    + " hash). May be given more than once.")
    List<ChainHead> expectedHeads = new ArrayList<>();

    @Spec
    CommandSpec spec;

    /** Reads SEQ:HASH, with ChainHead's message for anything else. */
    static final class ChainHeadConverter implements ITypeConverter<ChainHead> {
        @Override
        public ChainHead convert(String value) {
            try {
                return ChainHead.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Option(names = "--history", paramLabel = "URL", description = "Check a team history on PostgreSQL instead:"
            + " postgresql://ROLE@HOST:PORT/DB?sslmode=verify-full or jdbc:postgresql://…; a role that may only SELECT"
            + " is enough. The password comes from ~/.pgpass, PGPASSFILE or PGPASSWORD.")
    String history;

    public VerifyCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        if (history != null) {
            return verifyTeamHistory();
        }
        Path file = environment.historyFile(dataDir, sandbox);
        if (!Files.exists(file)) {
            throw new CommandFailure(ExitCodes.HISTORY_UNAVAILABLE, "There is no history at " + file
                    + " to verify. Use --data-dir to name the data directory whose history to check.");
        }
        try (AuditLog log = AuditLog.open(file, immutable
                ? HistoryOptions.defaults().asImmutableCopy() : HistoryOptions.defaults().asReadOnly())) {
            ChainVerification result;
            try {
                result = log.verify(expectedHeads, FileHeadWitness.besides(file));
            } catch (IllegalStateException | UncheckedIOException witnessUnreadable) {
                spec.commandLine().getErr().println(witnessUnreadable.getMessage());
                return ExitCodes.AUDIT_FAILED;
            }
            return report(result);
        } catch (HistoryUnavailableException e) {
            throw new CommandFailure(ExitCodes.HISTORY_UNAVAILABLE, e.getMessage());
        }
    }

    /**
     * The team history's chain, walked on the server in one snapshot; no witness file (the server keeps it). Then the
     * chain of each file imported into it.
     */
    private Integer verifyTeamHistory() {
        if (sandbox || dataDir != null || immutable) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, "--history names a team history; --sandbox, --data-dir and"
                    + " --immutable name a file. Give one or the other.");
        }
        TeamHistoryLocation location;
        try {
            location = TeamHistoryLocation.parse(history);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, e.getMessage());
        }
        try (AuditLog log = AuditLog.openTeam(location)) {
            int exitCode = report(log.verify(expectedHeads));
            // Each file imported into it (history import): its own chain, walked from the team history alone.
            for (ImportedChain imported : log.verifyImports()) {
                if (imported.intact()) {
                    spec.commandLine().getOut().println(DisplayText.escape(imported.describe()));
                } else {
                    spec.commandLine().getErr().println(DisplayText.escape(imported.describe()));
                    exitCode = ExitCodes.AUDIT_FAILED;
                }
            }
            spec.commandLine().getOut().flush();
            return exitCode;
        } catch (HistoryUnavailableException e) {
            throw new CommandFailure(ExitCodes.HISTORY_UNAVAILABLE, e.getMessage());
        }
    }

    /** An intact chain on stdout (exit 0); anything else on stderr (exit 4). */
    private Integer report(ChainVerification result) {
        if (result.intact()) {
            spec.commandLine().getOut().println(result.summary());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        spec.commandLine().getErr().println(result.summary());
        return ExitCodes.AUDIT_FAILED;
    }
}
