package io.callbackconsole.cli;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.history.HistoryUnavailableException;
import io.callbackconsole.history.TeamHistoryImport;
import io.callbackconsole.history.TeamHistoryLocation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code history import FILE --history URL}: copies a local history into the team history. */
@Command(name = "import", mixinStandardHelpOptions = true)
public final class HistoryImportCommand implements Callable<Integer>, ScriptCommand {

    @Parameters(index = "0", paramLabel = "FILE", descriptionKey = "file")
    Path source;

    @Option(names = "--history", paramLabel = "URL", required = true)
    String history;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        TeamHistoryLocation location;
        try {
            location = TeamHistoryLocation.parse(history);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, e.getMessage());
        }
        TeamHistoryImport.Result result;
        try {
            result = TeamHistoryImport.run(location, source, JarVersion.of(), Instant.now());
        } catch (TeamHistoryImport.Refused e) {
            throw new CommandFailure(e.chainBroken() ? ExitCodes.AUDIT_FAILED : ExitCodes.BAD_INPUT, e.getMessage());
        } catch (HistoryUnavailableException e) {
            throw new CommandFailure(ExitCodes.HISTORY_UNAVAILABLE, e.getMessage());
        }
        String file = DisplayText.escape(result.source().toString());
        var out = spec.commandLine().getOut();
        if (result.imported() == 0) {
            out.println(TerminalWords.text("import.nothingLeft", result.sourceRows(), file, result.sourceHead(),
                    result.teamHead()));
        } else if (result.alreadyImported() > 0) {
            out.println(TerminalWords.text("import.importedRest", result.imported(), file, result.sourceHead(),
                    result.firstSeq(), result.teamHead().seq(), result.alreadyImported(), result.teamHead()));
        } else {
            out.println(TerminalWords.text("import.imported", result.imported(), file, result.sourceHead(),
                    result.firstSeq(), result.teamHead().seq(), result.teamHead()));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
