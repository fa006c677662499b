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
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Copy a local history (the history.db an operator kept) into the team history: every row, with"
                + " its connection, operator, times and request token, appended to the team chain with where it came"
                + " from (the file, its chain head, the row's own seq and hash).",
                "The file's own chain must verify first. Running it again imports only rows not imported yet."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {
            "0:Imported, or nothing left to import (said on stdout).",
            "2:Bad input (no --history, a URL with a password), or a file that cannot be imported as it is: sandbox"
                    + " decisions, or a decision the team history holds as its own.",
            "4:The file's own chain does not verify; nothing was imported.",
            "5:A history cannot be read or the team history cannot be written; nothing was imported."})
public final class HistoryImportCommand implements Callable<Integer>, ScriptCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "The local history database to import.")
    Path source;

    @Option(names = "--history", paramLabel = "URL", required = true, description = "The team history on PostgreSQL:"
            + " postgresql://ROLE@HOST:PORT/DB?sslmode=verify-full or jdbc:postgresql://…; the role must be allowed to"
            + " INSERT. The password comes from ~/.pgpass, PGPASSFILE or PGPASSWORD.")
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
            out.println("Nothing to import: all " + result.sourceRows() + " rows of " + file + " (head "
                    + result.sourceHead() + ") are in the team history already. Team head " + result.teamHead() + ".");
        } else {
            out.println("Imported " + result.imported() + " rows of " + file + " (head " + result.sourceHead()
                    + ") as seq " + result.firstSeq() + " to " + result.teamHead().seq()
                    + (result.alreadyImported() > 0 ? "; " + result.alreadyImported() + " were imported before" : "")
                    + ". Team head " + result.teamHead() + ".");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
