package io.callbackconsole.history;

import io.callbackconsole.domain.InvalidInputException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which audit rows to show or export. Every part is optional (null matches everything); rows must match all given
 * parts.
 *
 * @param from     rows recorded at or after this instant
 * @param to       rows recorded before this instant
 * @param pipeline exact pipeline name
 * @param operator exact OS user
 * @param action   exact action ("FAIL", ...)
 * @param outcome  "ACCEPTED", "REFUSED", "UNKNOWN" or "NOT_SENT": only outcome rows with it
 * @param text     free text: every word must occur (as a word or the start of one) in the reason, a token, an ARN
 *                 or the error message; case does not matter
 */
public record AuditFilter(Instant from, Instant to, String pipeline, String operator, String action, String outcome,
                          String text) {

    public static final Set<String> OUTCOMES = Set.of("ACCEPTED", "REFUSED", "UNKNOWN", "NOT_SENT");
    private static final AuditFilter EVERYTHING = new AuditFilter(null, null, null, null, null, null, null);

    public AuditFilter {
        pipeline = blankToNull(pipeline);
        operator = blankToNull(operator);
        action = blankToNull(action);
        outcome = blankToNull(outcome);
        text = blankToNull(text);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("The time range is empty: \"from\" (" + from + ") must be before \"to\" ("
                    + to + "). Swap them or widen the range.");
        }
        if (outcome != null) {
            outcome = outcome.toUpperCase(Locale.ROOT);
            if (!OUTCOMES.contains(outcome)) {
                throw new InvalidInputException("There is no outcome \"" + outcome + "\"; choose ACCEPTED, REFUSED,"
                        + " UNKNOWN or NOT_SENT, or leave it empty for all rows.");
            }
        }
        if (action != null) {
            action = action.toUpperCase(Locale.ROOT);
        }
        if (text != null && searchWords(text).isEmpty()) {
            throw new InvalidInputException("Search text \"" + text + "\" has no letters or digits to look for; type"
                    + " part of a reason, token or ARN.");
        }
    }

    public static AuditFilter everything() {
        return EVERYTHING;
    }

    public AuditFilter withText(String newText) {
        return new AuditFilter(from, to, pipeline, operator, action, outcome, newText);
    }

    public boolean isEverything() {
        return equals(EVERYTHING);
    }

    /** True when free text is all this filter asks for. */
    boolean isTextOnly() {
        return text != null && from == null && to == null && pipeline == null && operator == null && action == null
                && outcome == null;
    }

    /** One line for people and export headers: "pipeline = x, text ~ \"y\"", or "all rows". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        if (from != null) {
            parts.add("recorded at or after " + from);
        }
        if (to != null) {
            parts.add("recorded before " + to);
        }
        if (pipeline != null) {
            parts.add("pipeline = " + pipeline);
        }
        if (operator != null) {
            parts.add("operator = " + operator);
        }
        if (action != null) {
            parts.add("action = " + action);
        }
        if (outcome != null) {
            parts.add("outcome = " + outcome);
        }
        if (text != null) {
            parts.add("text ~ \"" + text + "\"");
        }
        return parts.isEmpty() ? "all rows" : String.join(", ", parts);
    }

    /**
     * The FTS5 query for {@link #text()}: each word as a quoted prefix phrase, all required. Quoting makes any input
     * safe (no FTS5 syntax gets through); a word like {@code callback-pipeline} becomes the phrase of its parts.
     */
    String ftsQuery() {
        List<String> terms = new ArrayList<>();
        for (String word : searchWords(text)) {
            terms.add("\"" + word.replace("\"", "\"\"") + "\"*");
        }
        return String.join(" AND ", terms);
    }

    /**
     * {@link #text()} as PostgreSQL's search reads it: each word as its runs of letters and digits, lower-cased, as
     * FTS5's tokenizer splits and folds it ({@code OPS-42} is the phrase {@code ops 42}).
     */
    List<List<String>> searchTerms() {
        List<List<String>> terms = new ArrayList<>();
        for (String word : searchWords(text)) {
            List<String> runs = new ArrayList<>();
            StringBuilder run = new StringBuilder();
            word.codePoints().forEach(point -> {
                if (Character.isLetterOrDigit(point)) {
                    run.appendCodePoint(point);
                } else if (run.length() > 0) {
                    runs.add(run.toString().toLowerCase(Locale.ROOT));
                    run.setLength(0);
                }
            });
            if (run.length() > 0) {
                runs.add(run.toString().toLowerCase(Locale.ROOT));
            }
            terms.add(List.copyOf(runs));
        }
        return terms;
    }

    private static List<String> searchWords(String text) {
        List<String> words = new ArrayList<>();
        for (String word : text.trim().split("\\s+")) {
            if (word.codePoints().anyMatch(Character::isLetterOrDigit)) {
                words.add(word);
            }
        }
        return words;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
