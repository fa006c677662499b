package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQL of the decision reads: one row per intent, joined with its latest outcome; counts, windowed pages (each
 * decision with all of its rows) and the query of a decision export. Works on a connection it is given.
 *
 * <p>The join looks the latest outcome up by the {@code intent_seq} index, so a page costs its rows' look-ups, not a
 * pass over the history; the time order walks the {@code recorded_at} index as the raw view does.
 */
final class DecisionQueries {
    /** Joins each intent {@code i} with its latest outcome {@code o} (none while in flight). */
    private final AuditSql sql;
    /** Every decision field, in {@link DecisionColumn} order, as a select list. */
    private final String fields;
    /** The audit columns of this history's schema, to read a decision's rows with. */
    private final String eventColumns;

    private final TextMatchProbe textMatches;

    DecisionQueries(AuditSql sql, int schemaVersion, TextMatchProbe textMatches) {
        this.sql = sql;
        this.textMatches = textMatches;
        this.fields = String.join(", ", Arrays.stream(DecisionColumn.values()).map(sql::field).toList());
        this.eventColumns = EventQueries.selectList(sql, schemaVersion, "");
    }

    /** The condition of an export, which reads every match (no plan for few of them). */
    AuditWhere where(AuditFilter filter) {
        return AuditWhere.forDecisions(filter, sql, true);
    }

    /** The condition of a page or a first count, with the plan for few text matches when there are few. */
    AuditWhere where(Connection c, AuditFilter filter) throws SQLException {
        return AuditWhere.forDecisions(filter, sql, textMatches.many(c, filter));
    }

    /** On the count connection, beside the reader's calls: it asks the search index itself, keeping nothing. */
    long count(Connection c, AuditFilter filter) throws SQLException {
        if (filter.isTextOnly()) {
            return countTextOnly(c, filter, -1);
        }
        boolean many = TextMatchProbe.manyForPlanNow(c, sql, filter);
        return countUpTo(c, AuditWhere.forDecisions(filter, sql, many), filter, -1);
    }

    /** How many decisions match, counting no further than {@code limit} (no limit when negative). */
    long countUpTo(Connection c, AuditFilter filter, long limit) throws SQLException {
        if (filter.isTextOnly()) {
            long counted = countTextOnly(c, filter, limit);
            textMatches.countedDecisions(filter, counted);
            return counted;
        }
        return countUpTo(c, where(c, filter), filter, limit);
    }

    private long countTextOnly(Connection c, AuditFilter filter, long limit) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String count = textOnlyCountSelect(filter, parameters, limit >= 0);
        if (limit >= 0) {
            parameters.add(limit);
        }
        try (PreparedStatement select = c.prepareStatement(count)) {
            for (int i = 0; i < parameters.size(); i++) {
                select.setObject(i + 1, parameters.get(i));
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /**
     * The count of a search with no other filter: the decisions of the matching rows, read from the search index (a
     * matching intent is its own decision, a matching outcome its intent's), each counted once. Walking the intents
     * and checking each with its outcomes, as a filtered count does, cost a check per intent until the limit: for two
     * reason words (6 833 matches in 1 000 000 rows) 380 ms on SQLite and 540 on PostgreSQL. SQLite counts the
     * distinct decisions as the matches stream (~50 ms); PostgreSQL would hash every match before the limit, so each
     * match is counted when it is the first matching row of its decision (an intent, or an outcome whose intent and
     * earlier outcomes do not match: one look-up by seq and one on intent_seq, for outcome matches only).
     */
    String textOnlyCountSelect(AuditFilter filter, List<Object> parameters, boolean limited) {
        String limit = limited ? " LIMIT ?" : "";
        if (sql != AuditSql.POSTGRES) {
            return "SELECT count(*) FROM (SELECT DISTINCT coalesce(m.intent_seq, m.seq) FROM submission_event m WHERE "
                    + sql.textMatch("m.", filter, parameters) + limit + ") d";
        }
        String matching = sql.textMatch("m.", filter, parameters);
        // A scalar look-up, not EXISTS: the planner turned that into a second pass over every match, hashed.
        String intentMatches = "coalesce((SELECT " + sql.textMatch("e.", filter, parameters)
                + " FROM submission_event e WHERE e.seq = m.intent_seq), false)";
        String earlierOutcomeMatches = "EXISTS (SELECT 1 FROM submission_event e WHERE e.intent_seq = m.intent_seq"
                + " AND e.seq < m.seq AND " + sql.textMatch("e.", filter, parameters) + ")";
        return "SELECT count(*) FROM (SELECT 1 FROM submission_event m WHERE " + matching + " AND (m.intent_seq IS NULL"
                + " OR NOT (" + intentMatches + " OR " + earlierOutcomeMatches + "))" + limit + ") d";
    }

    private long countUpTo(Connection c, AuditWhere where, AuditFilter filter, long limit) throws SQLException {
        String sql = countSelect(filter, where, limit >= 0);
        try (PreparedStatement select = c.prepareStatement(sql)) {
            int next = where.bind(select);
            if (limit >= 0) {
                select.setLong(next, limit);
            }
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    /** The query of a count: the where's parameters, then (when limited) the limit. */
    String countSelect(AuditFilter filter, AuditWhere where, boolean limited) {
        // With the outcome as the only filter, the outcome rows of that kind are walked (their index, joined in that
        // order) and each kept when it is its decision's latest: for a rare outcome a tenth of the look-ups (REFUSED
        // in 100 000 rows on SQLite: 60 ms, not 280). The look-up names the outcome's own intent_seq: naming the
        // intent's seq let PostgreSQL hash every intent with it (525 ms, 12 here). With any other filter the intents
        // it selects are walked, each one's latest outcome read from the intent_seq index: walking the outcome rows
        // of a kind to find one operator's cost a read of each row and its intent (1.1 s at 1 000 000 rows).
        boolean outcomeOnly = filter.outcome() != null
                && new AuditFilter(null, null, null, null, null, filter.outcome(), null).equals(filter);
        String from = outcomeOnly ? " FROM submission_event o " + sql.joinInWrittenOrder()
                + " submission_event i ON i.seq = o.intent_seq WHERE i.kind = 'INTENT' AND o.outcome = ?"
                + " AND o.seq = (SELECT max(seq) FROM submission_event WHERE intent_seq = o.intent_seq)"
                : " FROM submission_event i" + where.sql();
        return limited ? "SELECT count(*) FROM (SELECT 1" + from + " LIMIT ?) m" : "SELECT count(*)" + from;
    }

    /**
     * Decisions {@code offset} to {@code offset + limit - 1} in the given order, each with its rows. The page's
     * intents are chosen first by their index alone (joining the outcome only when the filter or the order needs
     * it), so the decisions skipped to reach a deep page cost an index entry each; then the fields of those few are
     * read.
     */
    List<DecisionRecord> page(Connection c, AuditFilter filter, DecisionSort sort, long offset, int limit)
            throws SQLException {
        AuditWhere where = where(c, filter);
        List<String[]> found = new ArrayList<>(limit);
        try (PreparedStatement select = c.prepareStatement(pageSelect(filter, sort, where))) {
            int next = where.bind(select);
            select.setInt(next, limit);
            select.setLong(next + 1, offset);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(fieldsFrom(rows));
                }
            }
        }
        Map<Long, List<AuditRecord>> events = eventsOf(c, found);
        List<DecisionRecord> decisions = new ArrayList<>(found.size());
        for (String[] decision : found) {
            long intentSeq = Long.parseLong(decision[DecisionColumn.INTENT_SEQ.ordinal()]);
            decisions.add(new DecisionRecord(decision, events.getOrDefault(intentSeq, List.of())));
        }
        return decisions;
    }

    /** The query of a page: the where's parameters, then the limit and the offset. */
    String pageSelect(AuditFilter filter, DecisionSort sort, AuditWhere where) {
        boolean outcomeNeeded = sort.column().readsOutcome();
        String pageOfIntents = "SELECT i.seq FROM submission_event i" + (outcomeNeeded ? sql.latestOutcomeJoin() : "")
                + where.sql() + " ORDER BY " + sort.orderBy(sql) + " LIMIT ? OFFSET ?";
        return "SELECT " + this.fields + " FROM (" + pageOfIntents + ") p JOIN submission_event i ON i.seq = p.seq"
                + sql.latestOutcomeJoin() + " ORDER BY " + sort.orderBy(sql);
    }

    /** The query of a decision export: every matching decision in order, its fields in {@link DecisionColumn} order. */
    String exportSelect(AuditFilter filter, DecisionSort sort) {
        return "SELECT " + fields + " FROM submission_event i" + sql.latestOutcomeJoin() + where(filter).sql()
                + " ORDER BY " + sort.orderBy(sql);
    }

    /**
     * The query of a decision export of many decisions on a team history (the same fields, rows and order as
     * {@link #exportSelect(AuditFilter, DecisionSort)}): each intent's outcome rows read once, by one probe of the
     * intent_seq index, which gives the latest of them with the attempts and seqs of all (window aggregates over the
     * intent's few rows), where the other form probed three times (the latest, the attempts, the seqs). The intents
     * are walked in the export's order, so nothing is sorted. It replaces one pass summing up every outcome, hash-joined
     * to the intents: PostgreSQL ran that pass in each parallel worker and then sorted all the decisions on disk (8.9
     * s for 500 000 decisions, against ~5 s walked).
     */
    String exportSelectOfMany(AuditFilter filter, DecisionSort sort) {
        if (sql != AuditSql.POSTGRES) {
            throw new IllegalStateException("The one-probe decision export is written for PostgreSQL.");
        }
        String latestWithAll = " LEFT JOIN LATERAL (SELECT *, count(*) FILTER (WHERE outcome IN ('ACCEPTED', 'REFUSED',"
                + " 'UNKNOWN') AND coalesce(error_code, '') <> 'GaveUp') OVER every AS attempts,"
                + " string_agg(seq::text, ' ') OVER every AS seqs FROM submission_event WHERE intent_seq = i.seq"
                + " WINDOW every AS (ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)"
                + " ORDER BY seq DESC LIMIT 1) o ON true";
        String probedFields = String.join(", ", Arrays.stream(DecisionColumn.values()).map(column -> switch (column) {
            case ATTEMPTS -> "coalesce(o.attempts, 0)";
            case EVENT_SEQS -> "i.seq::text || coalesce(' ' || o.seqs, '')";
            default -> sql.field(column);
        }).toList());
        return "SELECT " + probedFields + " FROM submission_event i" + latestWithAll + where(filter).sql()
                + " ORDER BY " + sort.orderBy(sql);
    }

    private static String[] fieldsFrom(ResultSet rows) throws SQLException {
        String[] values = new String[DecisionColumn.values().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.getString(i + 1);
        }
        return values;
    }

    /** Every row of the given decisions, grouped by intent seq, each group in seq order: one query for a page. */
    private Map<Long, List<AuditRecord>> eventsOf(Connection c, List<String[]> decisions) throws SQLException {
        if (decisions.isEmpty()) {
            return Map.of();
        }
        String marks = String.join(", ", Collections.nCopies(decisions.size(), "?"));
        Map<Long, List<AuditRecord>> events = new LinkedHashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT coalesce(intent_seq, seq), " + eventColumns
                + " FROM submission_event WHERE seq IN (" + marks + ") OR intent_seq IN (" + marks + ") ORDER BY seq")) {
            int i = 1;
            for (int pass = 0; pass < 2; pass++) {
                for (String[] decision : decisions) {
                    select.setLong(i++, Long.parseLong(decision[DecisionColumn.INTENT_SEQ.ordinal()]));
                }
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    events.computeIfAbsent(rows.getLong(1), seq -> new ArrayList<>())
                            .add(EventQueries.recordFrom(rows, 2));
                }
            }
        }
        return events;
    }
}
