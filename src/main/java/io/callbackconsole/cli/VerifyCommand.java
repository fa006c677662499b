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
@Command(name = "verify", mixinStandardHelpOptions = true)
public final class VerifyCommand implements Callable<Integer>, ScriptCommand {
    private final CommandEnvironment environment;

    @Option(names = "--data-dir", paramLabel = "DIR")
    Path dataDir;

    @Option(names = "--immutable")
    boolean immutable;

    @Option(names = "--sandbox")
    boolean sandbox;

    @Option(names = "--expect-head", paramLabel = "SEQ:HASH", converter = ChainHeadConverter.class)
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

    @Option(names = "--history", paramLabel = "URL")
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
            throw new CommandFailure(ExitCodes.HISTORY_UNAVAILABLE, TerminalWords.text("verify.noFile", file));
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
            throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("history.teamOrFile"));
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
