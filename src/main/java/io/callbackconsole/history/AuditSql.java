package io.callbackconsole.history;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The few pieces of the auditor's SQL that SQLite and PostgreSQL write differently: how a row matches free text (an
 * FTS5 index on SQLite, a GIN index over {@code tsvector}s on PostgreSQL, see {@link TeamHistorySchema}), a join the
 * planner must take in the written order, a list of seqs as text, and the columns a backend's rows lack. The queries
 * themselves ({@link EventQueries}, {@link DecisionQueries}) are shared, so both backends give the same rows in the
 * same order for the same history.
 */
enum AuditSql {
    SQLITE {
        @Override
        String textMatch(String alias, AuditFilter filter, List<Object> parameters) {
            parameters.add(filter.ftsQuery());
            return alias + "seq IN (SELECT rowid FROM submission_event_fts WHERE submission_event_fts MATCH ?)";
        }

        @Override
        String joinInWrittenOrder() {
            // CROSS JOIN keeps SQLite from starting at the other table.
            return "CROSS JOIN";
        }

        @Override
        String latestOutcomeJoin() {
            return " LEFT JOIN submission_event o"
                    + " ON o.seq = (SELECT max(seq) FROM submission_event WHERE intent_seq = i.seq)";
        }

        @Override
        String field(DecisionColumn column) {
            return column.sql();
        }

        @Override
        Set<AuditColumn> missingColumns(int schemaVersion) {
            Set<AuditColumn> missing = EnumSet.copyOf(AuditColumn.IMPORT_PROVENANCE);
            if (schemaVersion < CONNECTION_IDENTITY_SCHEMA) {
                missing.addAll(CONNECTION_IDENTITY);
            }
            return missing;
        }

        @Override
        String textMatches(AuditFilter filter, List<Object> parameters) {
            parameters.add(filter.ftsQuery());
            return "SELECT 1 FROM submission_event_fts JOIN submission_event ON seq = submission_event_fts.rowid"
                    + " WHERE submission_event_fts MATCH ?";
        }
    },

    POSTGRES {
        /**
         * Every word must match, each (as in FTS5) as a phrase of its letter-and-digit runs with the last one a
         * prefix, within one column. The stored search words (team schema 5, GIN-indexed) hold all searched columns in
         * one {@code tsvector}, which is exact for a one-run word; a phrase could run from the end of one column into
         * the next there, so a word of several runs is checked column by column as well (on the rows the index
         * found).
         */
        @Override
        String textMatch(String alias, AuditFilter filter, List<Object> parameters) {
            List<List<String>> words = filter.searchTerms();
            StringBuilder condition = new StringBuilder(alias + TeamHistorySchema.SEARCH_WORDS_COLUMN)
                    .append(" @@ CAST(? AS tsquery)");
            parameters.add(words.stream().map(AuditSql::phrase).collect(Collectors.joining(" & ")));
            for (List<String> word : words) {
                if (word.size() < 2) {
                    continue;
                }
                condition.append(" AND (").append(HistorySchema.SEARCHED_COLUMNS.stream()
                        .map(column -> TeamHistorySchema.SEARCH_WORDS + "(" + alias + column + ") @@ CAST(? AS tsquery)")
                        .collect(Collectors.joining(" OR "))).append(')');
                for (int i = 0; i < HistorySchema.SEARCHED_COLUMNS.size(); i++) {
                    parameters.add(phrase(word));
                }
            }
            return condition.toString();
        }

        @Override
        String joinInWrittenOrder() {
            return "JOIN";
        }

        /**
         * LATERAL, so each intent's latest outcome is looked up as the intents are walked: with the join written as
         * SQLite's, an outcome filter had the planner hash every intent with its look-up to join the outcome rows of
         * that kind (808 ms for a page of a 1 % outcome at 100 000 decisions; 60 ms walked).
         */
        @Override
        String latestOutcomeJoin() {
            return " LEFT JOIN LATERAL (SELECT * FROM submission_event WHERE intent_seq = i.seq"
                    + " ORDER BY seq DESC LIMIT 1) o ON true";
        }

        @Override
        String field(DecisionColumn column) {
            return column == DecisionColumn.EVENT_SEQS ? "i.seq::text || coalesce(' ' || (SELECT string_agg(a.seq::text,"
                    + " ' ' ORDER BY a.seq) FROM submission_event a WHERE a.intent_seq = i.seq), '')" : column.sql();
        }

        @Override
        Set<AuditColumn> missingColumns(int schemaVersion) {
            return EnumSet.noneOf(AuditColumn.class);
        }

        /**
         * The matches read from the GIN index whatever the planner estimates: planned apart from the LIMIT the caller
         * puts after it (OFFSET 0 keeps the subquery from being merged into the outer query), so the planner cannot
         * choose a scan that stops early because it expects many matches (see {@link TextMatchProbe}); for a common
         * word the index's bitmap costs ~40 ms at 100 000 matches, for a token well under a millisecond.
         */
        @Override
        String textMatches(AuditFilter filter, List<Object> parameters) {
            return "SELECT 1 FROM (SELECT seq FROM submission_event WHERE " + textMatch("", filter, parameters)
                    + " OFFSET 0) matched";
        }
    };

    /**
     * The outcome of intent {@code i}'s decision: its latest outcome row's, NULL while it has none. Both schemas' 7th
     * migration index (intent_seq, seq) with the outcome, so this is one index-only look-up; reading the outcome row
     * itself for each intent walked cost a table read each (an operator's REFUSED decisions at 1 000 000 rows:
     * 1.1 s to count 2 001 on SQLite).
     */
    static final String LATEST_OUTCOME = "(SELECT outcome FROM submission_event WHERE intent_seq = i.seq"
            + " ORDER BY seq DESC LIMIT 1)";

    /** Columns SQLite's migration 4 added: a file this console has not migrated yet reads them as empty. */
    private static final List<AuditColumn> CONNECTION_IDENTITY = List.of(AuditColumn.CONNECTION_ACCOUNT,
            AuditColumn.CONNECTION_REGION, AuditColumn.CONNECTION_ENDPOINT);
    private static final int CONNECTION_IDENTITY_SCHEMA = 4;

    /**
     * A condition that the row aliased {@code alias} ("" or "m.") matches the filter's free text; its parameters are
     * added to {@code parameters} in order.
     */
    abstract String textMatch(String alias, AuditFilter filter, List<Object> parameters);

    /**
     * Joins each intent {@code i} to its latest outcome {@code o} (the outcome row with the highest seq; none while
     * the decision has no outcome).
     */
    abstract String latestOutcomeJoin();

    /** A join the planner takes in the order written (the left table walked first). */
    abstract String joinInWrittenOrder();

    /** The decision field's value over an intent {@code i} and its latest outcome {@code o}. */
    abstract String field(DecisionColumn column);

    /** The audit columns a history of this schema version has no column for (read as NULL). */
    abstract Set<AuditColumn> missingColumns(int schemaVersion);

    /**
     * The rows matching the filter's free text alone, read from the search index, as a query to count with a LIMIT
     * put after it; its parameters are added to {@code parameters} in order.
     */
    abstract String textMatches(AuditFilter filter, List<Object> parameters);

    /**
     * The direction of an ORDER BY term, with NULLs where SQLite puts them (before every value): PostgreSQL puts
     * them after. Not for a column that is never NULL, whose index serves the order only without the clause.
     */
    String direction(boolean ascending, boolean mayBeNull) {
        String direction = ascending ? "ASC" : "DESC";
        return this == POSTGRES && mayBeNull ? direction + (ascending ? " NULLS FIRST" : " NULLS LAST") : direction;
    }

    /** A word's runs as a tsquery phrase, the last a prefix: {@code 'ops' <-> '42':*}. Runs are letters and digits. */
    private static String phrase(List<String> runs) {
        return runs.stream().map(run -> "'" + run + "'").collect(Collectors.joining(" <-> ")) + ":*";
    }
}
