package io.callbackconsole.cli;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.history.AuditColumn;
import io.callbackconsole.history.AuditFilter;
import io.callbackconsole.history.AuditLog;
import io.callbackconsole.history.AuditRecord;
import io.callbackconsole.history.AuditSort;
import io.callbackconsole.history.DecisionColumn;
import io.callbackconsole.history.DecisionRecord;
import io.callbackconsole.history.DecisionSort;
import io.callbackconsole.history.ExportFormat;
import io.callbackconsole.history.HistoryOptions;
import io.callbackconsole.history.HistoryStore;
import io.callbackconsole.history.HistoryUnavailableException;
import io.callbackconsole.history.TeamHistoryLocation;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Reads the audit history: filtered, one line per decision (an intent with its latest outcome and its attempts) or,
 * with {@code --events}, per raw row; as a table for people or streamed as CSV or JSON Lines for other tools.
 */
@Command(name = "history", mixinStandardHelpOptions = true, subcommands = {HistoryImportCommand.class,
        HistoryMigrateCommand.class})
public final class HistoryCommand implements Callable<Integer>, ScriptCommand {
    private static final Pattern AGO = Pattern.compile("(\\d+)([mhd])");
    /** Rows printed by the table format; csv and jsonl stream everything that matches. */
    private static final int TABLE_PAGE = 500;

    enum Format { table, csv, jsonl }

    private final CommandEnvironment environment;

    @Option(names = "--data-dir", paramLabel = "DIR")
    Path dataDir;

    @Option(names = "--immutable")
    boolean immutable;

    @Option(names = "--sandbox")
    boolean sandbox;

    @Option(names = "--since", paramLabel = "WHEN")
    String since;

    @Option(names = "--until", paramLabel = "WHEN")
    String until;

    @Option(names = "--pipeline", paramLabel = "NAME")
    String pipeline;

    @Option(names = "--operator", paramLabel = "USER")
    String operator;

    @Option(names = "--action", paramLabel = "ACTION")
    String action;

    @Option(names = "--outcome", paramLabel = "OUTCOME")
    String outcome;

    @Option(names = "--events")
    boolean events;

    @Option(names = "--search", paramLabel = "TEXT")
    String search;

    @Option(names = "--format", paramLabel = "FORMAT")
    Format format = Format.table;

    @Option(names = "--history", paramLabel = "URL")
    String history;

    @Spec
    CommandSpec spec;

    public HistoryCommand(CommandEnvironment environment) {
        this.environment = environment;
    }

    @Override
    public Integer call() throws Exception {
        AuditFilter filter;
        try {
            Instant now = Instant.now();
            filter = new AuditFilter(when("--since", since, now), when("--until", until, now), pipeline, operator,
                    action, outcome, search);
        } catch (InvalidInputException e) {
            throw new CommandFailure(ExitCodes.BAD_INPUT, e.getMessage());
        }
        try (AuditLog log = openLog()) {
            if (format == Format.table) {
                if (sandbox) {
                    // Said beside the table, not in it: the rows are the sandbox's, not an AWS connection's.
                    spec.commandLine().getErr().println(TerminalWords.text("history.sandboxFile", log.location()));
                }
                if (events) {
                    printEvents(log, filter);
                } else {
                    printDecisions(log, filter);
                }
            } else {
                OutputStream out = new BufferedOutputStream(System.out);
                ExportFormat exportFormat = format == Format.csv ? ExportFormat.CSV : ExportFormat.JSON_LINES;
                if (events) {
                    log.export(filter, AuditSort.NEWEST_FIRST, exportFormat, out, Instant.now());
                } else {
                    log.exportDecisions(filter, DecisionSort.NEWEST_FIRST, exportFormat, out, Instant.now());
                }
                out.flush();
            }
            return ExitCodes.OK;
        } catch (HistoryUnavailableException e) {
            throw new CommandFailure(ExitCodes.HISTORY_UNAVAILABLE, e.getMessage());
        }
    }

    /** The team history --history names, or the data directory's file. */
    private AuditLog openLog() {
        if (history != null) {
            if (sandbox || dataDir != null || immutable) {
                throw new CommandFailure(ExitCodes.BAD_INPUT, TerminalWords.text("history.teamOrFile"));
            }
            TeamHistoryLocation location;
            try {
                location = TeamHistoryLocation.parse(history);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(ExitCodes.BAD_INPUT, e.getMessage());
            }
            return AuditLog.openTeam(location);
        }
        Path file = environment.historyFile(dataDir, sandbox);
        if (!Files.exists(file)) {
            throw new CommandFailure(ExitCodes.HISTORY_UNAVAILABLE, sandbox
                    ? TerminalWords.text("history.noSandboxFile", file)
                    : Files.exists(environment.historyFile(dataDir, true))
                    ? TerminalWords.text("history.noFileButSandbox", file)
                    : TerminalWords.text("history.noFile", file));
        }
        return AuditLog.open(file, immutable
                ? HistoryOptions.defaults().asImmutableCopy() : HistoryOptions.defaults().asReadOnly());
    }

    private void printDecisions(AuditLog log, AuditFilter filter) {
        PrintWriter out = spec.commandLine().getOut();
        long total = log.countDecisions(filter);
        List<DecisionRecord> decisions = log.decisionPage(filter, DecisionSort.NEWEST_FIRST, 0, TABLE_PAGE);
        String line = "%-24s  %-12s  %-7s  %-10s  %-9s  %-8s  %-32s  %-18s  %-40s  %s%n";
        out.printf(line, "DECIDED (UTC)", "OPERATOR", "ACTION", "TOKEN", "OUTCOME", "ATTEMPTS", "PIPELINE / STEP",
                "ERROR", "REASON", "RETURNED ARN");
        for (DecisionRecord decision : decisions) {
            String step = decision.get(DecisionColumn.STEP_NAME);
            // Escaped cell by cell, as the raw rows below: a stored value must not redraw the terminal.
            out.printf(line, shown(decision, DecisionColumn.DECIDED_AT), shown(decision, DecisionColumn.OPERATOR),
                    shown(decision, DecisionColumn.ACTION), shown(decision, DecisionColumn.CALLBACK_TOKEN),
                    decision.inFlight() ? "in flight" : shown(decision, DecisionColumn.OUTCOME), decision.attempts(),
                    shown(decision, DecisionColumn.PIPELINE_NAME) + (step == null ? "" : " / " + DisplayText.escape(step)),
                    shown(decision, DecisionColumn.ERROR_CODE), shown(decision, DecisionColumn.REASON),
                    shown(decision, DecisionColumn.RETURNED_EXECUTION_ARN));
        }
        out.flush();
        if (total > decisions.size()) {
            spec.commandLine().getErr().println(TerminalWords.text("history.decisionsCut", total, decisions.size()));
        }
    }

    private void printEvents(AuditLog log, AuditFilter filter) {
        PrintWriter out = spec.commandLine().getOut();
        long total = log.count(filter);
        List<AuditRecord> rows = log.page(filter, AuditSort.NEWEST_FIRST, 0, TABLE_PAGE);
        String line = "%-24s  %-7s  %-7s  %-10s  %-20s  %-8s  %-18s  %s%n";
        out.printf(line, "RECORDED (UTC)", "KIND", "ACTION", "TOKEN", "PIPELINE", "OUTCOME", "ERROR", "ARN / REASON");
        for (AuditRecord row : rows) {
            AuditColumn detail = "OUTCOME".equals(row.get(AuditColumn.KIND))
                    ? AuditColumn.RETURNED_EXECUTION_ARN : AuditColumn.REASON;
            // Every cell is shown escaped: a row may hold anything an older console or another tool wrote, and a
            // control character in it would redraw the terminal (a forged row over the real one).
            out.printf(line, shown(row, AuditColumn.RECORDED_AT), shown(row, AuditColumn.KIND),
                    shown(row, AuditColumn.ACTION), shown(row, AuditColumn.CALLBACK_TOKEN),
                    shown(row, AuditColumn.PIPELINE_NAME), shown(row, AuditColumn.OUTCOME),
                    shown(row, AuditColumn.ERROR_CODE), shown(row, detail));
        }
        out.flush();
        if (total > rows.size()) {
            spec.commandLine().getErr().println(TerminalWords.text("history.rowsCut", total, rows.size()));
        }
    }

    /** The field's value as the terminal shows it: escaped, "" for NULL. */
    private static String shown(DecisionRecord decision, DecisionColumn column) {
        return DisplayText.escape(decision.get(column));
    }

    /** The column's value as the terminal shows it: escaped, "" for NULL. */
    private static String shown(AuditRecord row, AuditColumn column) {
        return DisplayText.escape(row.get(column));
    }

    /** An instant, a local date, or an age such as 12h; null when not given. */
    static Instant when(String option, String text, Instant now) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        Matcher ago = AGO.matcher(value);
        if (ago.matches()) {
            long amount = Long.parseLong(ago.group(1));
            Duration duration = switch (ago.group(2)) {
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return now.minus(duration);
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDate.parse(text.trim()).atStartOfDay(ZoneId.systemDefault()).toInstant();
            } catch (DateTimeParseException notADate) {
                throw new InvalidInputException(TerminalWords.text("history.badWhen", option, text));
            }
        }
    }
}
