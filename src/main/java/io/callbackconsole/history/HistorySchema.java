package io.callbackconsole.history;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The history schema as an ordered list of migrations; the last one's version is the version this code writes. */
final class HistorySchema {

    /** Marks a database as ours ({@code PRAGMA application_id}), so a foreign SQLite file is never migrated. "CBCO". */
    static final int APPLICATION_ID = 0x4342434F;

    /** The first version whose rows carry the hash chain (migration 2). */
    static final int FIRST_CHAINED_VERSION = 2;

    private static final String RECORDED_AT_SHAPE =
            "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'";

    /*
     * Migration 1: the submission journal. Every event is a new row and rows are never changed, so a later hash chain
     * can cover each row as written and auditors can read the table as a log. An outcome row repeats the intent's
     * callback token, ARN and connection so that it can be read (and searched) on its own; intent_seq ties it to its
     * intent and the foreign key keeps that tie honest. The execution ARN (and so the pipeline) is unknown when a token
     * is answered without its message, e.g. from the command line; SageMaker's answer then names it.
     */
    private static final SchemaMigration SUBMISSION_JOURNAL = SchemaMigration.ofSql(1, "submission journal", List.of(
            "PRAGMA application_id = " + APPLICATION_ID,
            """
            CREATE TABLE submission_event (
                seq                    INTEGER PRIMARY KEY AUTOINCREMENT,
                recorded_at            TEXT NOT NULL CHECK (recorded_at GLOB %s),
                kind                   TEXT NOT NULL CHECK (kind IN ('INTENT', 'OUTCOME')),
                intent_seq             INTEGER REFERENCES submission_event (seq),
                client_request_token   TEXT NOT NULL,
                action                 TEXT NOT NULL,
                callback_token         TEXT NOT NULL,
                pipeline_name          TEXT,
                execution_arn          TEXT,
                reason                 TEXT,
                operator               TEXT,
                connection             TEXT NOT NULL,
                console_version        TEXT NOT NULL,
                outcome                TEXT CHECK (outcome IN ('ACCEPTED', 'REFUSED', 'UNKNOWN')),
                returned_execution_arn TEXT,
                error_code             TEXT,
                error_message          TEXT,
                explanation            TEXT,
                request_id             TEXT,
                CHECK ((kind = 'INTENT' AND outcome IS NULL AND intent_seq IS NULL
                            AND reason IS NOT NULL AND operator IS NOT NULL)
                    OR (kind = 'OUTCOME' AND outcome IS NOT NULL AND intent_seq IS NOT NULL))
            )""".formatted(RECORDED_AT_SHAPE),
            "CREATE UNIQUE INDEX submission_event_intent_request_token ON submission_event (client_request_token)"
                    + " WHERE kind = 'INTENT'",
            "CREATE INDEX submission_event_recorded_at ON submission_event (recorded_at)",
            "CREATE INDEX submission_event_callback_token ON submission_event (callback_token)",
            "CREATE INDEX submission_event_intent_seq ON submission_event (intent_seq)",
            """
            CREATE TRIGGER submission_event_no_update BEFORE UPDATE ON submission_event
            BEGIN
                SELECT RAISE(ABORT, 'submission_event is append-only: history rows are never changed; record a new event instead');
            END""",
            """
            CREATE TRIGGER submission_event_no_delete BEFORE DELETE ON submission_event
            BEGIN
                SELECT RAISE(ABORT, 'submission_event is append-only: history rows are never deleted');
            END"""));

    /** The append-only triggers; the same text in every version, so tools and tests can drop and restore them. */
    static final List<String> APPEND_ONLY_TRIGGERS = List.of(
            """
            CREATE TRIGGER submission_event_no_update BEFORE UPDATE ON submission_event
            BEGIN
                SELECT RAISE(ABORT, 'submission_event is append-only: history rows are never changed; record a new event instead');
            END""",
            """
            CREATE TRIGGER submission_event_no_delete BEFORE DELETE ON submission_event
            BEGIN
                SELECT RAISE(ABORT, 'submission_event is append-only: history rows are never deleted');
            END""");

    /*
     * Migration 2: the audit record. Adds who acted in AWS terms (the caller identity from STS, profile and region),
     * the step name and output parameters (for approvals, whose intent has outputs instead of a reason), and the hash
     * chain. SQLite cannot relax a CHECK in place, so the table is rebuilt: the old one is renamed, every row is
     * copied in seq order with its hash, and the old one dropped. A free-text index (FTS5, external content) covers
     * reasons, tokens, ARNs and error messages; it is filled by an insert trigger, rows never change or go.
     */
    private static final String AUDIT_TABLE = """
            CREATE TABLE submission_event (
                seq                    INTEGER PRIMARY KEY AUTOINCREMENT,
                recorded_at            TEXT NOT NULL CHECK (recorded_at GLOB %s),
                kind                   TEXT NOT NULL CHECK (kind IN ('INTENT', 'OUTCOME')),
                intent_seq             INTEGER REFERENCES submission_event (seq),
                client_request_token   TEXT NOT NULL,
                action                 TEXT NOT NULL,
                callback_token         TEXT NOT NULL,
                pipeline_name          TEXT,
                execution_arn          TEXT,
                step_name              TEXT,
                reason                 TEXT,
                output_parameters      TEXT CHECK (output_parameters IS NULL OR json_valid(output_parameters)),
                operator               TEXT,
                caller_arn             TEXT,
                caller_account         TEXT CHECK (caller_account IS NULL OR caller_account GLOB '%s'),
                profile                TEXT,
                region                 TEXT,
                connection             TEXT NOT NULL,
                console_version        TEXT NOT NULL,
                outcome                TEXT CHECK (outcome IN ('ACCEPTED', 'REFUSED', 'UNKNOWN')),
                returned_execution_arn TEXT,
                error_code             TEXT,
                error_message          TEXT,
                explanation            TEXT,
                request_id             TEXT,
                hash                   TEXT NOT NULL CHECK (length(hash) = 64),
                CHECK ((kind = 'INTENT' AND outcome IS NULL AND intent_seq IS NULL AND operator IS NOT NULL
                            AND (reason IS NOT NULL OR output_parameters IS NOT NULL))
                    OR (kind = 'OUTCOME' AND outcome IS NOT NULL AND intent_seq IS NOT NULL))
            )""".formatted(RECORDED_AT_SHAPE, "[0-9]".repeat(12));

    /** Columns the free-text search covers, in the FTS table's order. */
    static final List<String> SEARCHED_COLUMNS = List.of("reason", "callback_token", "client_request_token",
            "execution_arn", "returned_execution_arn", "caller_arn", "error_message");

    private static final SchemaMigration AUDIT_RECORD = new SchemaMigration(2, "audit record: caller identity,"
            + " step, outputs, hash chain, free-text index", List.of(
            SchemaMigration.sql(List.of(
                    "ALTER TABLE submission_event RENAME TO submission_event_v1",
                    AUDIT_TABLE)),
            HistorySchema::copyVersion1RowsWithHashes,
            SchemaMigration.sql(List.of(
                    "DROP TABLE submission_event_v1",
                    "CREATE UNIQUE INDEX submission_event_intent_request_token ON submission_event (client_request_token)"
                            + " WHERE kind = 'INTENT'",
                    "CREATE INDEX submission_event_recorded_at ON submission_event (recorded_at)",
                    "CREATE INDEX submission_event_callback_token ON submission_event (callback_token)",
                    "CREATE INDEX submission_event_intent_seq ON submission_event (intent_seq)",
                    // Filter plus the default time order, each served by one index.
                    "CREATE INDEX submission_event_pipeline_time ON submission_event (pipeline_name, recorded_at)",
                    "CREATE INDEX submission_event_operator_time ON submission_event (operator, recorded_at)",
                    "CREATE INDEX submission_event_outcome_time ON submission_event (outcome, recorded_at)",
                    "CREATE INDEX submission_event_action_time ON submission_event (action, recorded_at)",
                    "CREATE VIRTUAL TABLE submission_event_fts USING fts5(" + String.join(", ", SEARCHED_COLUMNS)
                            + ", content = 'submission_event', content_rowid = 'seq')",
                    "INSERT INTO submission_event_fts (submission_event_fts) VALUES ('rebuild')",
                    """
                    CREATE TRIGGER submission_event_fts_insert AFTER INSERT ON submission_event
                    BEGIN
                        INSERT INTO submission_event_fts (rowid, %s) VALUES (new.seq, %s);
                    END""".formatted(String.join(", ", SEARCHED_COLUMNS),
                            String.join(", ", SEARCHED_COLUMNS.stream().map(c -> "new." + c).toList())),
                    APPEND_ONLY_TRIGGERS.get(0),
                    APPEND_ONLY_TRIGGERS.get(1)))));

    /*
     * Migration 3: rows are indexed for free-text search once per write transaction by the code that appends them
     * (JournalRows.Appending), in the same transaction, instead of by a trigger per row, which cost an FTS5 flush per
     * row. The index itself is unchanged; search_index_progress holds the last row indexed, so a row appended without
     * being indexed (by a console of version 2 still running) is indexed by the next transaction that appends.
     */
    private static final SchemaMigration SEARCH_INDEX_PER_TRANSACTION = SchemaMigration.ofSql(3,
            "free-text index filled once per transaction", List.of(
                    "DROP TRIGGER submission_event_fts_insert",
                    "CREATE TABLE search_index_progress (last_indexed_seq INTEGER NOT NULL)",
                    "INSERT INTO search_index_progress SELECT coalesce(max(seq), 0) FROM submission_event"));

    /*
     * Migration 4: every row names the connection identity it belongs to (issue 13): the AWS account STS named, the
     * region and the normalised endpoint overrides; sandbox rows carry the label "sandbox" and none of these. The
     * outcome NOT_SENT records a journaled decision deliberately never sent (it settles the decision). SQLite cannot
     * relax a CHECK in place, so the table is rebuilt as in migration 2, but every row is copied as it is, hash and
     * all: the new columns are NULL in old rows and the hash encoding leaves NULL columns out (AuditChain), so each old
     * hash stays valid. The row numbers are kept, so the free-text index (keyed by seq) and its watermark stay right,
     * and SQLite's counter of the highest number given out is carried over, so the verifier still notices deleted
     * newest rows.
     *
     * Rows from before this migration (connection_region NULL, label not "sandbox") name their connection only by
     * the label ("profile@region") and the region column; HistoryConnectionScope matches them by those two.
     */
    private static final List<String> VERSION_3_COLUMNS = List.of("seq", "recorded_at", "kind", "intent_seq",
            "client_request_token", "action", "callback_token", "pipeline_name", "execution_arn", "step_name", "reason",
            "output_parameters", "operator", "caller_arn", "caller_account", "profile", "region", "connection",
            "console_version", "outcome", "returned_execution_arn", "error_code", "error_message", "explanation",
            "request_id", "hash");

    private static final String CONNECTION_TABLE = """
            CREATE TABLE submission_event (
                seq                    INTEGER PRIMARY KEY AUTOINCREMENT,
                recorded_at            TEXT NOT NULL CHECK (recorded_at GLOB %s),
                kind                   TEXT NOT NULL CHECK (kind IN ('INTENT', 'OUTCOME')),
                intent_seq             INTEGER REFERENCES submission_event (seq),
                client_request_token   TEXT NOT NULL,
                action                 TEXT NOT NULL,
                callback_token         TEXT NOT NULL,
                pipeline_name          TEXT,
                execution_arn          TEXT,
                step_name              TEXT,
                reason                 TEXT,
                output_parameters      TEXT CHECK (output_parameters IS NULL OR json_valid(output_parameters)),
                operator               TEXT,
                caller_arn             TEXT,
                caller_account         TEXT CHECK (caller_account IS NULL OR caller_account GLOB '%s'),
                profile                TEXT,
                region                 TEXT,
                connection             TEXT NOT NULL,
                connection_account     TEXT CHECK (connection_account IS NULL OR connection_account GLOB '%s'),
                connection_region      TEXT,
                connection_endpoint    TEXT,
                console_version        TEXT NOT NULL,
                outcome                TEXT CHECK (outcome IN ('ACCEPTED', 'REFUSED', 'UNKNOWN', 'NOT_SENT')),
                returned_execution_arn TEXT,
                error_code             TEXT,
                error_message          TEXT,
                explanation            TEXT,
                request_id             TEXT,
                hash                   TEXT NOT NULL CHECK (length(hash) = 64),
                CHECK ((kind = 'INTENT' AND outcome IS NULL AND intent_seq IS NULL AND operator IS NOT NULL
                            AND (reason IS NOT NULL OR output_parameters IS NOT NULL))
                    OR (kind = 'OUTCOME' AND outcome IS NOT NULL AND intent_seq IS NOT NULL)),
                CHECK (connection <> 'sandbox' OR (connection_account IS NULL AND connection_region IS NULL
                            AND connection_endpoint IS NULL))
            )""".formatted(RECORDED_AT_SHAPE, "[0-9]".repeat(12), "[0-9]".repeat(12));

    private static final SchemaMigration CONNECTION_IDENTITY = new SchemaMigration(4, "connection identity on every"
            + " row, outcome NOT_SENT", List.of(
            SchemaMigration.sql(List.of(
                    "ALTER TABLE submission_event RENAME TO submission_event_v3",
                    CONNECTION_TABLE,
                    "INSERT INTO submission_event (" + String.join(", ", VERSION_3_COLUMNS) + ") SELECT "
                            + String.join(", ", VERSION_3_COLUMNS) + " FROM submission_event_v3 ORDER BY seq",
                    // The renamed table kept its counter; the new one counts on from the same number.
                    "INSERT INTO sqlite_sequence (name, seq) SELECT 'submission_event', seq FROM sqlite_sequence"
                            + " WHERE name = 'submission_event_v3' AND NOT EXISTS"
                            + " (SELECT 1 FROM sqlite_sequence WHERE name = 'submission_event')",
                    "UPDATE sqlite_sequence SET seq = max(seq, coalesce((SELECT seq FROM sqlite_sequence"
                            + " WHERE name = 'submission_event_v3'), 0)) WHERE name = 'submission_event'",
                    "DROP TABLE submission_event_v3",
                    "CREATE UNIQUE INDEX submission_event_intent_request_token ON submission_event (client_request_token)"
                            + " WHERE kind = 'INTENT'",
                    "CREATE INDEX submission_event_recorded_at ON submission_event (recorded_at)",
                    "CREATE INDEX submission_event_callback_token ON submission_event (callback_token)",
                    "CREATE INDEX submission_event_intent_seq ON submission_event (intent_seq)",
                    "CREATE INDEX submission_event_pipeline_time ON submission_event (pipeline_name, recorded_at)",
                    "CREATE INDEX submission_event_operator_time ON submission_event (operator, recorded_at)",
                    "CREATE INDEX submission_event_outcome_time ON submission_event (outcome, recorded_at)",
                    "CREATE INDEX submission_event_action_time ON submission_event (action, recorded_at)",
                    APPEND_ONLY_TRIGGERS.get(0),
                    APPEND_ONLY_TRIGGERS.get(1)))));

    /*
     * Migration 5: the decision view (one row per intent, joined with its latest outcome) pages and counts intents in
     * time order. The time index holds intents and outcomes alike, so each of its entries cost a table read to learn
     * the row's kind; this partial index holds the intents only, and answers a page or a count from the index alone.
     * No row changes, so every hash stays as it is. At 100 000 rows, a page 30 000 decisions deep read 14 ms
     * instead of 70 ms (sqlite3 shell).
     */
    private static final SchemaMigration DECISION_INDEX = SchemaMigration.ofSql(5, "intents in time order, for the"
            + " decision view", List.of(
                    "CREATE INDEX submission_event_intent_time ON submission_event (recorded_at) WHERE kind = 'INTENT'"));

    /*
     * Migration 6: the database refuses an insert that does not extend the log (issue 15). INSERT OR REPLACE and
     * REPLACE INTO with an existing seq delete the old row without firing the delete trigger (SQLite fires delete
     * triggers for REPLACE only with PRAGMA recursive_triggers, a per-connection setting an editor leaves off), so the
     * insert itself is checked. Before the insert, an explicit seq must be above every row and above SQLite's counter
     * (so neither a replaced row nor a number freed by deleting rows is reused); -1 is what SQLite shows a BEFORE
     * trigger when it numbers the row itself. After the insert, the row must be the newest one with a positive seq,
     * which also catches an explicit -1. No row changes, so every hash stays as it is.
     */
    static final List<String> INSERT_EXTENDS_LOG_TRIGGERS = List.of(
            """
            CREATE TRIGGER submission_event_insert_extends_log BEFORE INSERT ON submission_event
            WHEN NEW.seq <> -1 AND NEW.seq <= max(coalesce((SELECT max(seq) FROM submission_event), 0),
                coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'submission_event'), 0))
            BEGIN
                SELECT RAISE(ABORT, 'submission_event is append-only: a row must extend the log (seq above every row and every number given out); rows are never replaced');
            END""",
            """
            CREATE TRIGGER submission_event_insert_is_newest AFTER INSERT ON submission_event
            WHEN NEW.seq < 1 OR EXISTS (SELECT 1 FROM submission_event WHERE seq > NEW.seq)
            BEGIN
                SELECT RAISE(ABORT, 'submission_event is append-only: a row must extend the log (seq above every row); rows are never inserted before others');
            END""");

    private static final SchemaMigration INSERTS_EXTEND_THE_LOG = SchemaMigration.ofSql(6, "inserts must extend"
            + " the log: no REPLACE, no reused or earlier seq", INSERT_EXTENDS_LOG_TRIGGERS);

    /*
     * Migration 7: filters that combine (issue 16). A decision's outcome is its latest outcome row's; the intent_seq
     * index, rebuilt under its name with seq and outcome after intent_seq, answers "the latest outcome of intent N"
     * from the index alone (its last entry for N), where each look-up read the outcome row from the table. The
     * decision view's operator and pipeline filters are on intents: indexes of intents alone by operator and by
     * pipeline, in time order, walk one operator's or pipeline's decisions without reading each row to learn its kind.
     * The raw rows of one operator and outcome are read from an index of outcome rows by both, in time order, where
     * one of the two indexes was walked and every row read to check the other. At 1 000 000 rows an operator's REFUSED
     * decisions were counted to 2 001 in 1.1 s (every REFUSED outcome walked, its row and its intent's read), and in
     * 24 ms walking the operator's intents with the look-up from the index (sqlite3 shell, load 13). No row changes,
     * so every hash stays as it is.
     */
    private static final SchemaMigration COMBINED_FILTER_INDEXES = SchemaMigration.ofSql(7, "indexes for combined"
            + " filters: each decision's latest outcome, intents by operator and by pipeline, outcomes by operator",
            List.of(
                    "DROP INDEX submission_event_intent_seq",
                    "CREATE INDEX submission_event_intent_seq ON submission_event (intent_seq, seq, outcome)",
                    "CREATE INDEX submission_event_intent_operator_time ON submission_event (operator, recorded_at)"
                            + " WHERE kind = 'INTENT'",
                    "CREATE INDEX submission_event_intent_pipeline_time ON submission_event (pipeline_name,"
                            + " recorded_at) WHERE kind = 'INTENT'",
                    "CREATE INDEX submission_event_operator_outcome_time ON submission_event (operator, outcome,"
                            + " recorded_at) WHERE outcome IS NOT NULL"));

    /** In version order; append only. */
    static final List<SchemaMigration> MIGRATIONS = List.of(SUBMISSION_JOURNAL, AUDIT_RECORD,
            SEARCH_INDEX_PER_TRANSACTION, CONNECTION_IDENTITY, DECISION_INDEX, INSERTS_EXTEND_THE_LOG,
            COMBINED_FILTER_INDEXES);

    /**
     * Copies every version-1 row in seq order, chaining it. Profile and region are read back from the connection
     * label version 1 kept ("sandbox", "profile@region", "default@region").
     */
    private static void copyVersion1RowsWithHashes(Connection c) throws SQLException {
        JournalRows journal = new JournalRows();
        String previous = AuditChain.GENESIS;
        try (Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT * FROM submission_event_v1 ORDER BY seq")) {
            ResultSetMetaData meta = rows.getMetaData();
            while (rows.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String name = meta.getColumnName(i);
                    Object value = rows.getObject(i);
                    row.put(name, value instanceof Number n ? (Object) n.longValue() : (value == null ? null : value.toString()));
                }
                String connection = (String) row.get("connection");
                int at = connection == null ? -1 : connection.lastIndexOf('@');
                if (at > 0) {
                    String profile = connection.substring(0, at);
                    String region = connection.substring(at + 1);
                    row.put("profile", "default".equals(profile) ? null : profile);
                    row.put("region", "default-region".equals(region) ? null : region);
                }
                String hash = journal.hashOf(previous, row);
                JournalRows.insert(c, "submission_event", row, hash);
                previous = hash;
            }
        }
    }

    private HistorySchema() {
    }

    static int latestVersion(List<SchemaMigration> migrations) {
        return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    }
}
