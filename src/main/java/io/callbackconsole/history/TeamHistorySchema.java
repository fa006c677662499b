package io.callbackconsole.history;

import java.util.List;

/**
 * The team history's schema on PostgreSQL as an ordered list of migrations, numbered on their own (version 1 is the
 * SQLite schema's version 6 in one step). The columns carry the SQLite history's names and text forms, so a row's
 * hash ({@link AuditChain}) is the same in both and a local history can be imported keeping its hashes.
 * {@code history_schema} records each version applied; a database with a version above the last here is refused.
 */
final class TeamHistorySchema {

    private static final String RECORDED_AT_SHAPE = "'^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$'";

    /*
     * Migration 1: the journal. Append-only three times over: the console's role may only INSERT and SELECT
     * (team-history-grants.sql), triggers refuse UPDATE, DELETE and TRUNCATE to anyone who has the privilege (the
     * owner) short of dropping them, and an insert must extend the log: its seq is the head's plus one, so no row is
     * put before others, numbers have no gaps, and a row written without the chain lock is refused rather than
     * forking the chain. output_parameters is checked as JSON by casting it.
     */
    private static final SchemaMigration JOURNAL = SchemaMigration.ofSql(1, "submission journal, append-only, one"
            + " chain", List.of(
            """
            CREATE TABLE history_schema (
                version         integer PRIMARY KEY,
                purpose         text NOT NULL,
                applied_at      timestamptz NOT NULL DEFAULT now(),
                console_version text NOT NULL
            )""",
            """
            CREATE TABLE submission_event (
                seq                    bigint PRIMARY KEY CHECK (seq > 0),
                recorded_at            text NOT NULL CHECK (recorded_at ~ %s),
                kind                   text NOT NULL CHECK (kind IN ('INTENT', 'OUTCOME')),
                intent_seq             bigint REFERENCES submission_event (seq),
                client_request_token   text NOT NULL,
                action                 text NOT NULL,
                callback_token         text NOT NULL,
                pipeline_name          text,
                execution_arn          text,
                step_name              text,
                reason                 text,
                output_parameters      text CHECK (output_parameters IS NULL OR output_parameters::jsonb IS NOT NULL),
                operator               text,
                caller_arn             text,
                caller_account         text CHECK (caller_account ~ '^[0-9]{12}$'),
                profile                text,
                region                 text,
                connection             text NOT NULL,
                connection_account     text CHECK (connection_account ~ '^[0-9]{12}$'),
                connection_region      text,
                connection_endpoint    text,
                console_version        text NOT NULL,
                outcome                text CHECK (outcome IN ('ACCEPTED', 'REFUSED', 'UNKNOWN', 'NOT_SENT')),
                returned_execution_arn text,
                error_code             text,
                error_message          text,
                explanation            text,
                request_id             text,
                hash                   text NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
                CHECK ((kind = 'INTENT' AND outcome IS NULL AND intent_seq IS NULL AND operator IS NOT NULL
                            AND (reason IS NOT NULL OR output_parameters IS NOT NULL))
                    OR (kind = 'OUTCOME' AND outcome IS NOT NULL AND intent_seq IS NOT NULL)),
                CHECK (connection <> 'sandbox' OR (connection_account IS NULL AND connection_region IS NULL
                            AND connection_endpoint IS NULL))
            )""".formatted(RECORDED_AT_SHAPE),
            "CREATE UNIQUE INDEX submission_event_intent_request_token ON submission_event (client_request_token)"
                    + " WHERE kind = 'INTENT'",
            "CREATE INDEX submission_event_recorded_at ON submission_event (recorded_at)",
            "CREATE INDEX submission_event_intent_time ON submission_event (recorded_at) WHERE kind = 'INTENT'",
            "CREATE INDEX submission_event_callback_token ON submission_event (callback_token)",
            "CREATE INDEX submission_event_intent_seq ON submission_event (intent_seq)",
            """
            CREATE FUNCTION submission_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'submission_event is append-only: history rows are never changed or removed; record a new event instead'
                    USING ERRCODE = 'insufficient_privilege';
            END $$""",
            """
            CREATE TRIGGER submission_event_no_change BEFORE UPDATE OR DELETE ON submission_event
                FOR EACH ROW EXECUTE FUNCTION submission_event_refuse_change()""",
            """
            CREATE TRIGGER submission_event_no_truncate BEFORE TRUNCATE ON submission_event
                FOR EACH STATEMENT EXECUTE FUNCTION submission_event_refuse_change()""",
            """
            CREATE FUNCTION submission_event_extends_log() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                head bigint;
            BEGIN
                SELECT coalesce(max(seq), 0) INTO head FROM submission_event;
                IF NEW.seq <> head + 1 THEN
                    RAISE EXCEPTION 'submission_event is append-only: a row must extend the log (seq % after head %)', NEW.seq, head
                        USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN NEW;
            END $$""",
            """
            CREATE TRIGGER submission_event_insert_extends_log BEFORE INSERT ON submission_event
                FOR EACH ROW EXECUTE FUNCTION submission_event_extends_log()"""));

    /** The function that turns one searched column into the words the free-text search looks for. */
    static final String SEARCH_WORDS = "submission_event_search_words";

    /**
     * Every searched column's words in one {@code tsvector}, over the row aliased {@code alias} ("" or "m."): the
     * expression the stored search words are generated by (schema 5; schema 2 indexed it as an expression).
     */
    static String searchVector(String alias) {
        return "(" + String.join(" || ", HistorySchema.SEARCHED_COLUMNS.stream()
                .map(column -> SEARCH_WORDS + "(" + alias + column + ")").toList()) + ")";
    }

    /*
     * Migration 2: the auditor's reads (issue 16). The filter indexes SQLite's migration 2 made (a filter and the time
     * order, each served by one index), and the free-text search. A searched column's words are its runs of letters
     * and digits, lower-cased, as SQLite's FTS5 (unicode61) splits and folds them, so a search finds the same rows on
     * both: everything else is turned into spaces first, which leaves PostgreSQL's parser nothing but plain words
     * (no hosts, paths or hyphenated compounds), and the 'simple' configuration keeps every word as it is (no
     * stemming, no stop words). One GIN index holds all searched columns' words; queries write the same expression.
     * No row changes, so every hash stays as it is.
     */
    private static final SchemaMigration AUDIT_READS = SchemaMigration.ofSql(2, "filter indexes and free-text"
            + " search for the auditor's reads", List.of(
            "CREATE INDEX submission_event_pipeline_time ON submission_event (pipeline_name, recorded_at)",
            "CREATE INDEX submission_event_operator_time ON submission_event (operator, recorded_at)",
            "CREATE INDEX submission_event_outcome_time ON submission_event (outcome, recorded_at)",
            "CREATE INDEX submission_event_action_time ON submission_event (action, recorded_at)",
            """
            CREATE FUNCTION %s(t text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
                SELECT to_tsvector('simple'::regconfig, regexp_replace(lower(coalesce(t, '')), '[^[:alnum:]]+', ' ', 'g'))
            $$""".formatted(SEARCH_WORDS),
            "CREATE INDEX submission_event_search ON submission_event USING gin (" + searchVector("") + ")"));

    /*
     * Migration 3: rows copied from a local history by `history import` (issue 16) say where they came from: the file,
     * its chain head when it was imported, when, and the row's own seq and hash in that file, so an auditor tells
     * them from native rows and can check the file's chain from the team history. NULL in native rows, so their
     * hashes stay as they are (the hash leaves NULL columns out); in an imported row they are part of its hash in
     * the team chain. A file's row is imported once: its hash (which covers its whole chain before it) is unique.
     */
    private static final SchemaMigration IMPORT_PROVENANCE = SchemaMigration.ofSql(3, "provenance of rows imported"
            + " from a local history", List.of(
            """
            ALTER TABLE submission_event
                ADD COLUMN imported_from text,
                ADD COLUMN imported_head text CHECK (imported_head ~ '^[0-9]+:[0-9a-f]{64}$'),
                ADD COLUMN imported_at   text CHECK (imported_at ~ %s),
                ADD COLUMN imported_seq  bigint CHECK (imported_seq > 0),
                ADD COLUMN imported_hash text CHECK (imported_hash ~ '^[0-9a-f]{64}$'),
                ADD CHECK ((imported_from IS NULL) = (imported_head IS NULL) AND (imported_from IS NULL) = (imported_at IS NULL)
                    AND (imported_from IS NULL) = (imported_seq IS NULL) AND (imported_from IS NULL) = (imported_hash IS NULL))"""
                    .formatted(RECORDED_AT_SHAPE),
            "CREATE UNIQUE INDEX submission_event_imported_hash ON submission_event (imported_hash)"
                    + " WHERE imported_hash IS NOT NULL"));

    /** The channel every commit that appends rows notifies ({@link TeamHistoryListener} listens on it). */
    static final String CHANGES_CHANNEL = "callback_console_history";

    /*
     * Migration 4: live updates (issue 16). A statement-level trigger notifies CHANGES_CHANNEL after rows are
     * inserted, so every writer wakes the other consoles: this console, an older one, `history import`, the owner in
     * psql. NOTIFY is transactional: it is delivered at commit (never for a rolled-back write), and the server folds a
     * transaction's identical notifications into one, so a bulk commit wakes a console once. A trigger rather than
     * the console calling pg_notify after its commit, because it needs no privilege of the console's role (which may
     * only INSERT and SELECT) and no writer can forget it. The payload is empty: a console catches up by the last seq
     * it saw, so a notification only says "look".
     */
    private static final SchemaMigration CHANGE_NOTIFICATIONS = SchemaMigration.ofSql(4, "a notification on every"
            + " commit that appends rows", List.of(
            """
            CREATE FUNCTION submission_event_notify_appended() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('%s', '');
                RETURN NULL;
            END $$""".formatted(CHANGES_CHANNEL),
            """
            CREATE TRIGGER submission_event_appended AFTER INSERT ON submission_event
                FOR EACH STATEMENT EXECUTE FUNCTION submission_event_notify_appended()"""));

    /** The column that holds a row's search words (migration 5). */
    static final String SEARCH_WORDS_COLUMN = "search_words";

    /*
     * Migration 5: the search's words stored with each row (issue 16). With the index over the expression alone, a
     * search recomputed the words of every row the index named, to check them (857 ms for a rare word on 200 000
     * rows). A stored generated column holds them instead: the server computes it at every insert, so the console's
     * role writes nothing more, and adding it rewrites the table with every existing row's words, as the owner who
     * migrates (no UPDATE runs, so the append-only triggers have nothing to refuse). It is derived from hashed
     * columns and is not hashed itself: the chain verifiers leave it out. The index on the column replaces the one on
     * the expression.
     */
    private static final SchemaMigration STORED_SEARCH_WORDS = SchemaMigration.ofSql(5, "search words stored with"
            + " each row", List.of(
            "ALTER TABLE submission_event ADD COLUMN " + SEARCH_WORDS_COLUMN + " tsvector GENERATED ALWAYS AS "
                    + searchVector("") + " STORED",
            "CREATE INDEX submission_event_search_words ON submission_event USING gin (" + SEARCH_WORDS_COLUMN + ")",
            "DROP INDEX submission_event_search"));

    /*
     * Migration 6: the time indexes carry seq (issue 16). Every time order is recorded_at then seq, and with an index
     * on recorded_at alone PostgreSQL sorted each run of equal times by seq: the raw export of 1 000 000 rows walked
     * the index under an Incremental Sort (0.9 s of its 2.6 s on the server), the decision export likewise. SQLite's
     * indexes end in the rowid (seq) already, so only the team history needs this. Each index is replaced under its
     * old name, so the plans that name it read the same.
     */
    private static final SchemaMigration TIME_INDEXES_WITH_SEQ = SchemaMigration.ofSql(6, "time indexes ordered by"
            + " seq within a time", List.of(
            "CREATE INDEX submission_event_recorded_at_seq ON submission_event (recorded_at, seq)",
            "DROP INDEX submission_event_recorded_at",
            "ALTER INDEX submission_event_recorded_at_seq RENAME TO submission_event_recorded_at",
            "CREATE INDEX submission_event_intent_time_seq ON submission_event (recorded_at, seq) WHERE kind = 'INTENT'",
            "DROP INDEX submission_event_intent_time",
            "ALTER INDEX submission_event_intent_time_seq RENAME TO submission_event_intent_time"));

    /*
     * Migration 7: filters that combine (issue 16), as SQLite's migration 7 (the time indexes with seq, as migration
     * 6's). The intent_seq index, replaced under its name by one on (intent_seq, seq) carrying outcome, answers "the
     * latest outcome of intent N" by an index-only scan (the visibility map permitting), where each look-up read the
     * outcome row; intents alone by operator and by pipeline walk one operator's or pipeline's decisions without
     * reading each row to learn its kind; outcome rows by operator and outcome serve the raw rows of both, where the
     * server built a bitmap of each of the two indexes and ANDed them (390 ms at 1 000 000 rows, load 13).
     */
    private static final SchemaMigration COMBINED_FILTER_INDEXES = SchemaMigration.ofSql(7, "indexes for combined"
            + " filters: each decision's latest outcome, intents by operator and by pipeline, outcomes by operator",
            List.of(
            "CREATE INDEX submission_event_intent_seq_latest ON submission_event (intent_seq, seq) INCLUDE (outcome)",
            "DROP INDEX submission_event_intent_seq",
            "ALTER INDEX submission_event_intent_seq_latest RENAME TO submission_event_intent_seq",
            "CREATE INDEX submission_event_intent_operator_time ON submission_event (operator, recorded_at, seq)"
                    + " WHERE kind = 'INTENT'",
            "CREATE INDEX submission_event_intent_pipeline_time ON submission_event (pipeline_name, recorded_at, seq)"
                    + " WHERE kind = 'INTENT'",
            "CREATE INDEX submission_event_operator_outcome_time ON submission_event (operator, outcome, recorded_at,"
                    + " seq) WHERE outcome IS NOT NULL"));

    /*
     * Migration 8: the log is extended by a statement, checked once (issue 16). Migration 1's trigger ran for every
     * row, and a bulk commit's multi-row INSERT paid a PL/pgSQL call and a look-up of the head per row (a fifth of a
     * 200-row INSERT's time on the server). One check after the statement, over the rows it inserted (a transition
     * table), says the same: their seqs run without a gap from the head before them, and no row is above them. A writer
     * without the chain lock is refused as before: its rows either collide with a concurrent writer's seqs (the
     * primary key) or do not follow the head it sees. The error reads as migration 1's.
     */
    private static final SchemaMigration LOG_EXTENDED_BY_STATEMENT = SchemaMigration.ofSql(8, "inserts extend the"
            + " log, checked once a statement", List.of(
            """
            CREATE FUNCTION submission_event_statement_extends_log() RETURNS trigger LANGUAGE plpgsql AS $$
            DECLARE
                first_seq bigint;
                last_seq  bigint;
                appended_rows bigint;
                head      bigint;
                newest    bigint;
            BEGIN
                SELECT min(seq), max(seq), count(*) INTO first_seq, last_seq, appended_rows FROM appended;
                IF appended_rows = 0 THEN
                    RETURN NULL;
                END IF;
                SELECT coalesce(max(seq), 0) INTO head FROM submission_event WHERE seq < first_seq;
                SELECT max(seq) INTO newest FROM submission_event;
                IF first_seq <> head + 1 OR last_seq - first_seq + 1 <> appended_rows OR newest <> last_seq THEN
                    RAISE EXCEPTION 'submission_event is append-only: a row must extend the log (seq % to % after head %)', first_seq, last_seq, head
                        USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN NULL;
            END $$""",
            """
            CREATE TRIGGER submission_event_inserts_extend_log AFTER INSERT ON submission_event
                REFERENCING NEW TABLE AS appended
                FOR EACH STATEMENT EXECUTE FUNCTION submission_event_statement_extends_log()""",
            "DROP TRIGGER submission_event_insert_extends_log ON submission_event",
            "DROP FUNCTION submission_event_extends_log()"));

    /** In version order; append only. */
    static final List<SchemaMigration> MIGRATIONS = List.of(JOURNAL, AUDIT_READS, IMPORT_PROVENANCE,
            CHANGE_NOTIFICATIONS, STORED_SEARCH_WORDS, TIME_INDEXES_WITH_SEQ, COMBINED_FILTER_INDEXES,
            LOG_EXTENDED_BY_STATEMENT);

    private TeamHistorySchema() {
    }
}
