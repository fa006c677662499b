package io.callbackconsole.cli;

import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.ChainVerification;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.HistoryUnavailableException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Walks the audit history's hash chain and says whether every row is as it was written. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Check the audit history's SHA-256 chain: every row as written, none deleted or inserted.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:The chain is intact (\"N rows verified, head <hash>\").",
            "4:The chain is broken: the first row that does not match is named on stderr.",
            "5:The history cannot be read."})
public final class VerifyCommand implements Callable<Integer>, ScriptCommand {
    private final CommandEnvironment environment;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The data directory whose history to check (also: CALLBACK_CONSOLE_HOME).")
    Path dataDir;

    @Option(names = "--sandbox", description = "Check the sandbox's history, which is kept apart from the AWS connections' history.")
    boolean sandbox;

    @Spec
    CommandSpec spec;

    public VerifyCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() {
        Path file = environment.historyFile(dataDir, sandbox);
        if (!Files.exists(file)) {
            throw new CommandFailure(ExitCodes.HISTORY_UNAVAILABLE, "There is no history at " + file
                    + " to verify. Use --data-dir to name the data directory whose history to check.");
        }
        try (AuditLog log = AuditLog.open(file, HistoryStore.Options.defaults().asReadOnly())) {
            ChainVerification result = log.verify();
            if (result.intact()) {
                spec.commandLine().getOut().println(result.summary());
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
            spec.commandLine().getErr().println(result.summary());
            return ExitCodes.AUDIT_FAILED;
        } catch (HistoryUnavailableException e) {
            throw new CommandFailure(ExitCodes.HISTORY_UNAVAILABLE, e.getMessage());
        }
    }
}
