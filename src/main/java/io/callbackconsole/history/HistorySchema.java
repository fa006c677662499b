package io.callbackconsole.history;

import java.util.List;

/** The history schema as an ordered list of migrations; the last one's version is the version this code writes. */
final class HistorySchema {

    /** Marks a database as ours ({@code PRAGMA application_id}), so a foreign SQLite file is never migrated. "CBCO". */
    static final int APPLICATION_ID = 0x4342434F;

    private static final String RECORDED_AT_SHAPE =
            "'[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9].[0-9][0-9][0-9]Z'";

    /*
     * Migration 1: the submission journal. Every event is a new row and rows are never changed, so a later hash chain
     * can cover each row as written and auditors can read the table as a log. An outcome row repeats the intent's
     * callback token, ARN and connection so that it can be read (and searched) on its own; intent_seq ties it to its
     * intent and the foreign key keeps that tie honest. The execution ARN (and so the pipeline) is unknown when a token
     * is answered without its message, e.g. from the command line; SageMaker's answer then names it.
     */
    private static final SchemaMigration SUBMISSION_JOURNAL = new SchemaMigration(1, "submission journal", List.of(
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

    /*
     * Migration 3: the output parameters an approval sent (SendPipelineExecutionStepSuccess), as a JSON array of
     * {"Name", "Value"}; null for failures and dismissals. Numbered 3 because migration 2 (audit columns) is written
     * on another branch; until both are merged the list simply skips 2.
     */
    private static final SchemaMigration APPROVAL_OUTPUTS = new SchemaMigration(3, "approval output parameters",
            List.of("ALTER TABLE submission_event ADD COLUMN output_parameters TEXT"));

    /** In version order; append only. */
    static final List<SchemaMigration> MIGRATIONS = List.of(SUBMISSION_JOURNAL,
            APPROVAL_OUTPUTS);

    private HistorySchema() {
    }

    static int latestVersion(List<SchemaMigration> migrations) {
        return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    }
}
