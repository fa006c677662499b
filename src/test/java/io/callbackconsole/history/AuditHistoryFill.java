package io.callbackconsole.history;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.CallerIdentity;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A large history of a team's decisions for measurements (test sources only): decision {@code i} is the same every
 * time (a seeded random per decision: 20 pipelines, 10 operators, reasons of common words, one in ten refused), and
 * it is written either through the console ({@link #append}: {@link HistoryStore#append}, batches of
 * {@value #BATCH}) or fast ({@link #fastFillSqlite}, {@link #fastFillTeam}): the same rows built here as
 * {@link JournalWriter} builds them, numbered and hashed by the console's own {@link JournalRows#hashOf}, then loaded
 * by a multi-row INSERT in one transaction (SQLite) or by {@code COPY FROM STDIN} (PostgreSQL). {@code
 * AuditHistoryFillTest} checks that both ways leave the same rows, hash for hash.
 */
final class AuditHistoryFill {
    /** Decisions per batch of {@link #append}; one operator's consecutive decisions, as one console makes them. */
    static final int BATCH = 500;
    static final String CONSOLE_VERSION = SampleSubmissions.CONSOLE_VERSION;
    static final Instant START = Instant.parse("2024-01-01T00:00:00Z");
    static final String[] WORDS = ("drift threshold nulls amount column schema mismatch latency regression"
            + " approval rejected manual review bias fairness accuracy precision recall label leakage outlier stale"
            + " feature store timeout quota budget owner ticket incident rollback canary shadow").split(" ");
    static final String[] OPERATORS = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan",
            "judy"};
    static final ConnectionId CONNECTION = ConnectionId.aws("012345678901", "us-east-2", null, "ops@us-east-2");
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final DateTimeFormatter RECORDED_AT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    /** Every column a journal row may have, in table order; seq first, hash last. */
    private static final List<String> COLUMNS = List.of("seq", "recorded_at", "kind", "intent_seq",
            "client_request_token", "action", "callback_token", "pipeline_name", "execution_arn", "step_name", "reason",
            "output_parameters", "operator", "caller_arn", "caller_account", "profile", "region", "connection",
            "connection_account", "connection_region", "connection_endpoint", "console_version", "outcome",
            "returned_execution_arn", "error_code", "error_message", "explanation", "request_id", "hash");
    private static final int SQLITE_ROWS_PER_INSERT = 500;

    /** One decision: its intent, what came of it, and whom the console that wrote it attributes rows to. */
    record Decision(Submission submission, String stepName, Outcome outcome, Instant outcomeAt,
                    Attribution attribution) {
    }

    private AuditHistoryFill() {
    }

    /** Decision {@code i} (from 0): a decision every 13 s from {@link #START}, its outcome 0.4 s later. */
    static Decision decision(int i) {
        Random random = new Random(0x5eedL * 1_000_003L + i);
        String token = token(random);
        String pipeline = "pipeline-" + WORDS[random.nextInt(20)] + "-" + random.nextInt(20);
        PipelineExecutionArn arn = PipelineExecutionArn.of("arn:aws:sagemaker:us-east-2:012345678901:pipeline/"
                + pipeline + "/execution/ex" + token.toLowerCase());
        Operator operator = new Operator(OPERATORS[(i / BATCH) % OPERATORS.length]);
        String reason = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " in "
                + WORDS[random.nextInt(WORDS.length)] + ", see OPS-" + random.nextInt(10_000);
        Instant at = START.plusMillis(13_000L * i);
        Submission submission = new Submission(new ClientRequestToken(String.format("fill-%s-%016x%016x", token,
                random.nextLong(), random.nextLong())), Action.FAIL, CallbackToken.of(token), arn,
                FailureReason.of(reason), operator, CONNECTION, at);
        String requestId = String.format("%016x%016x", random.nextLong(), random.nextLong());
        Outcome outcome = random.nextInt(10) > 0 ? new Outcome.Accepted(arn.value(), requestId)
                : new Outcome.Refused("ResourceNotFound", "Callback token not found", "The step is no longer waiting.",
                requestId);
        Attribution attribution = new Attribution(operator, new CallerIdentity(
                "arn:aws:sts::012345678901:assumed-role/Ops/" + operator.name(), "012345678901"), "ops", "us-east-2");
        return new Decision(submission, "ManualReview", outcome, at.plusMillis(400), attribution);
    }

    /** Decisions {@code from} to {@code to - 1} through the console's own append, a batch per operator's run. */
    static void append(HistoryStore store, int from, int to) {
        for (int first = from; first < to; first += BATCH) {
            JournalBatch batch = new JournalBatch();
            Attribution attribution = null;
            for (int i = first; i < Math.min(to, first + BATCH); i++) {
                Decision d = decision(i);
                if (attribution != null && !attribution.equals(d.attribution())) {
                    throw new IllegalStateException("A batch is one console's: decision " + i + " is another's");
                }
                attribution = d.attribution();
                batch.intent(d.submission(), d.stepName());
                batch.outcome(d.submission().requestToken(), d.outcome(), d.outcomeAt());
            }
            store.attributeTo(attribution);
            store.append(batch);
        }
    }

    /**
     * The intent row of a decision as {@link JournalWriter} builds it (without seq and hash), then its outcome row
     * for an intent at {@code intentSeq}.
     */
    static List<Map<String, Object>> rows(Decision d, long intentSeq, String consoleVersion) {
        Submission s = d.submission();
        Map<String, Object> intent = new LinkedHashMap<>();
        intent.put("recorded_at", RECORDED_AT.format(s.decidedAt()));
        intent.put("kind", "INTENT");
        intent.put("client_request_token", s.requestToken().value());
        intent.put("action", s.action().name());
        intent.put("callback_token", s.token().value());
        intent.put("pipeline_name", s.executionArn().pipelineName());
        intent.put("execution_arn", s.executionArn().value());
        intent.put("step_name", d.stepName());
        intent.put("reason", s.reason().text());
        intent.put("output_parameters", null);
        intent.put("operator", s.operator().name());
        putAttribution(intent, d.attribution());
        ConnectionScope.putColumns(intent, s.connection());
        intent.put("console_version", consoleVersion);

        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("recorded_at", RECORDED_AT.format(d.outcomeAt()));
        outcome.put("kind", "OUTCOME");
        outcome.put("intent_seq", intentSeq);
        for (String column : List.of("client_request_token", "action", "callback_token", "pipeline_name",
                "execution_arn", "step_name")) {
            outcome.put(column, intent.get(column));
        }
        outcome.put("operator", d.attribution().operator().name());
        putAttribution(outcome, d.attribution());
        for (String column : List.of("connection", "connection_account", "connection_region", "connection_endpoint")) {
            outcome.put(column, intent.get(column));
        }
        outcome.put("console_version", consoleVersion);
        outcome.put("outcome", d.outcome().kind());
        if (d.outcome() instanceof Outcome.Accepted accepted) {
            outcome.put("returned_execution_arn", accepted.returnedExecutionArn());
            outcome.put("request_id", accepted.requestId());
        } else if (d.outcome() instanceof Outcome.Refused refused) {
            outcome.put("error_code", refused.errorCode());
            outcome.put("error_message", refused.errorMessage());
            outcome.put("explanation", refused.explanation());
            outcome.put("request_id", refused.requestId());
        } else {
            throw new IllegalArgumentException("The fill writes ACCEPTED and REFUSED outcomes; got " + d.outcome());
        }
        return List.of(intent, outcome);
    }

    private static void putAttribution(Map<String, Object> row, Attribution attribution) {
        row.put("caller_arn", attribution.caller().arn());
        row.put("caller_account", attribution.caller().account());
        row.put("profile", attribution.profile());
        row.put("region", attribution.region());
    }

    /** Rows of decisions {@code from} to {@code to - 1}, numbered after {@code lastSeq} and chained after its hash. */
    private static final class Chain {
        private final JournalRows journal = new JournalRows();
        private long lastSeq;
        private String lastHash;

        Chain(long lastSeq, String lastHash) {
            this.lastSeq = lastSeq;
            this.lastHash = lastHash;
        }

        /** The decision's two rows as values in {@link #COLUMNS} order, hashed as {@link JournalRows} hashes. */
        List<Object[]> next(Decision d, String consoleVersion) {
            List<Object[]> out = new ArrayList<>(2);
            long intentSeq = lastSeq + 1;
            for (Map<String, Object> columns : rows(d, intentSeq, consoleVersion)) {
                long seq = lastSeq + 1;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("seq", seq);
                row.putAll(columns);
                String hash = journal.hashOf(lastHash, row);
                Object[] values = new Object[COLUMNS.size()];
                for (int i = 0; i < values.length - 1; i++) {
                    values[i] = row.get(COLUMNS.get(i));
                }
                values[values.length - 1] = hash;
                out.add(values);
                lastSeq = seq;
                lastHash = hash;
            }
            return out;
        }
    }

    /**
     * Writes decisions 0 to {@code decisions - 1} into a new SQLite history (its schema made by the store) in one
     * transaction, without fsync, then indexes them for search as the console's append does at the end of its
     * transaction.
     */
    static void fastFillSqlite(Path file, int decisions) throws SQLException {
        HistoryStore.open(file, CONSOLE_VERSION).close();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA synchronous = OFF");
            s.execute("BEGIN IMMEDIATE");
            Chain chain = new Chain(0, AuditChain.GENESIS);
            String one = "(" + "?, ".repeat(COLUMNS.size() - 1) + "?)";
            String insertSql = "INSERT INTO submission_event (" + String.join(", ", COLUMNS) + ") VALUES ";
            List<Object[]> pending = new ArrayList<>(SQLITE_ROWS_PER_INSERT);
            try (PreparedStatement full = c.prepareStatement(insertSql
                    + String.join(", ", java.util.Collections.nCopies(SQLITE_ROWS_PER_INSERT, one)))) {
                for (int i = 0; i < decisions; i++) {
                    pending.addAll(chain.next(decision(i), CONSOLE_VERSION));
                    if (pending.size() == SQLITE_ROWS_PER_INSERT) {
                        bindAll(full, pending);
                        full.executeUpdate();
                        pending.clear();
                    }
                }
            }
            if (!pending.isEmpty()) {
                try (PreparedStatement rest = c.prepareStatement(insertSql
                        + String.join(", ", java.util.Collections.nCopies(pending.size(), one)))) {
                    bindAll(rest, pending);
                    rest.executeUpdate();
                }
            }
            // What JournalRows does at the end of each write transaction: index the new rows, move the watermark.
            s.execute("INSERT INTO submission_event_fts (rowid, " + String.join(", ", HistorySchema.SEARCHED_COLUMNS)
                    + ") SELECT seq, " + String.join(", ", HistorySchema.SEARCHED_COLUMNS) + " FROM submission_event"
                    + " WHERE seq > (SELECT last_indexed_seq FROM search_index_progress) ORDER BY seq");
            s.execute("UPDATE search_index_progress SET last_indexed_seq = (SELECT max(seq) FROM submission_event)");
            s.execute("COMMIT");
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            s.execute("ANALYZE");
        }
    }

    private static void bindAll(PreparedStatement insert, List<Object[]> rows) throws SQLException {
        int p = 1;
        for (Object[] row : rows) {
            for (Object value : row) {
                insert.setObject(p++, value);
            }
        }
    }

    /**
     * Writes decisions 0 to {@code decisions - 1} into an empty team history (migrated; {@code c} signed in as a role
     * that may INSERT) with {@code COPY FROM STDIN} in one transaction holding the chain lock, as a console's write
     * does; the server's triggers check each row extends the log, and it computes each row's search words. Then
     * {@code VACUUM ANALYZE}, as autovacuum would after such a load.
     */
    static void fastFillTeam(Connection c, int decisions) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            lock.setLong(1, PostgresDialect.CHAIN_LOCK);
            lock.execute();
        }
        CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY submission_event ("
                + String.join(", ", COLUMNS) + ") FROM STDIN");
        try {
            Chain chain = new Chain(0, AuditChain.GENESIS);
            ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
            for (int i = 0; i < decisions; i++) {
                for (Object[] row : chain.next(decision(i), CONSOLE_VERSION)) {
                    copyText(buffer, row);
                }
                if (buffer.size() > (1 << 20) - 8192) {
                    copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    buffer.reset();
                }
            }
            copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE submission_event");
        }
    }

    /** One row in COPY's text format: tab-separated, \N for NULL, backslash escapes. */
    private static void copyText(ByteArrayOutputStream out, Object[] row) {
        for (int i = 0; i < row.length; i++) {
            if (i > 0) {
                out.write('\t');
            }
            if (row[i] == null) {
                out.write('\\');
                out.write('N');
                continue;
            }
            String text = row[i].toString();
            StringBuilder escaped = new StringBuilder(text.length() + 8);
            for (int k = 0; k < text.length(); k++) {
                char ch = text.charAt(k);
                switch (ch) {
                    case '\\' -> escaped.append("\\\\");
                    case '\t' -> escaped.append("\\t");
                    case '\n' -> escaped.append("\\n");
                    case '\r' -> escaped.append("\\r");
                    default -> escaped.append(ch);
                }
            }
            out.writeBytes(escaped.toString().getBytes(StandardCharsets.UTF_8));
        }
        out.write('\n');
    }

    private static String token(Random random) {
        char[] token = new char[10];
        for (int i = 0; i < token.length; i++) {
            token[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(token);
    }

    /** The callback token of decision {@code i}, for searches. */
    static String tokenOf(int i) {
        return decision(i).submission().token().value();
    }

    /** Every column the fill writes, seq first and hash last (for comparisons). */
    static List<String> columns() {
        return COLUMNS;
    }

    static String[] operators() {
        return Arrays.copyOf(OPERATORS, OPERATORS.length);
    }
}
