package io.callbackconsole.history;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code history import FILE}: a local history, written by the console into a real file, copied into a team history
 * on the real server, keeping every field, appended to the team chain with its provenance, once only; a file whose
 * chain does not verify, sandbox decisions and a decision the team history has of its own are refused, with nothing
 * imported.
 */
class TeamHistoryImportTest {
    private static final Instant IMPORTED_AT = Instant.parse("2026-12-02T08:00:00.000Z");
    private static final ConnectionId PROD = ConnectionId.aws("012345678901", "us-east-2", null, "ops@us-east-2");
    private static final String RETURNED = "arn:aws:sagemaker:us-east-2:012345678901:pipeline/p/execution/e1";

    @TempDir
    Path dir;
    private Path file;
    private String database;

    @BeforeEach
    void fresh() {
        file = dir.resolve("history.db");
        database = TeamHistories.freshDatabase();
        TeamHistories.openAsOwner(database).close(); // set up, as its owner does before operators connect
    }

    private static Submission decision(int i, ConnectionId connection) {
        return new Submission(new ClientRequestToken("import-test-request-token-" + i + "-0123456789ab"), Action.FAIL,
                CallbackToken.of(String.format("Imp%07d", i)),
                PipelineExecutionArn.of("arn:aws:sagemaker:us-east-2:012345678901:pipeline/p/execution/e" + i),
                FailureReason.of("Local decision " + i), new Operator("dave"), connection, MORNING.plusSeconds(i));
    }

    /** Decisions 0..n-1 on the file: accepted, refused, unknown then accepted, left without an outcome. */
    private List<Submission> writeLocal(int from, int to, ConnectionId connection) {
        List<Submission> written = new ArrayList<>();
        try (HistoryStore local = HistoryStore.open(file, CONSOLE_VERSION)) {
            for (int i = from; i < to; i++) {
                Submission s = decision(i, connection);
                local.recordIntent(s, "Review", null);
                switch (i % 4) {
                    case 0 -> local.recordOutcome(s.requestToken(), new Outcome.Accepted(RETURNED, "req-" + i),
                            s.decidedAt().plusMillis(200));
                    case 1 -> local.recordOutcome(s.requestToken(), new Outcome.Refused("ResourceNotFound", "gone",
                            "The step no longer waits.", "req-" + i), s.decidedAt().plusMillis(200));
                    case 2 -> {
                        local.recordOutcome(s.requestToken(), new Outcome.Unknown("Timeout", "no answer", "Retry."),
                                s.decidedAt().plusSeconds(1));
                        local.recordOutcome(s.requestToken(), new Outcome.Accepted(RETURNED, "req-" + i),
                                s.decidedAt().plusSeconds(2));
                    }
                    default -> {
                        // the laptop died before the answer: unsettled
                    }
                }
                written.add(s);
            }
        }
        return written;
    }

    private TeamHistoryImport.Result importFile() {
        return TeamHistoryImport.run(TeamHistories.location(database, TestPostgres.SUPERUSER), file, CONSOLE_VERSION,
                IMPORTED_AT, TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD));
    }

    @Test
    void everyRowIsAppendedToTheTeamChainKeepingItsFieldsWithItsProvenance() throws Exception {
        try (HistoryStore team = TeamHistories.openAsOwner(database)) {
            Submission nativeOne = decision(100, PROD);
            team.recordIntent(nativeOne);
            team.recordOutcome(nativeOne.requestToken(), new Outcome.Accepted(RETURNED, "r"), MORNING);
        }
        List<Submission> local = writeLocal(0, 8, PROD);
        ChainHead localHead;
        List<HistoryEntry> localEntries = new ArrayList<>();
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            localHead = store.head();
            for (Submission s : local) {
                localEntries.add(store.find(s.requestToken()).orElseThrow());
            }
        }

        TeamHistoryImport.Result result = importFile();

        assertThat(result.sourceHead()).isEqualTo(localHead);
        assertThat(result.sourceRows()).isEqualTo(localHead.seq()).isEqualTo(16);
        assertThat(result.imported()).isEqualTo(16);
        assertThat(result.alreadyImported()).isZero();
        assertThat(result.firstSeq()).as("after the 2 native rows").isEqualTo(3);
        try (HistoryStore team = HistoryStore.openTeamForReading(TeamHistories.location(database,
                TestPostgres.SUPERUSER), TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD))) {
            assertThat(result.teamHead()).isEqualTo(team.head());
            assertThat(team.head().seq()).isEqualTo(18);
            ChainVerification verified = team.verify();
            assertThat(verified.intact()).as(verified.summary()).isTrue();
            for (int i = 0; i < local.size(); i++) {
                assertThat(team.find(local.get(i).requestToken())).as("decision " + i + " as the file had it")
                        .contains(localEntries.get(i));
            }
            assertThat(team.unsettledSubmissions(PROD)).as("the dead laptop's unsettled decisions can be settled")
                    .containsExactly(local.get(3), local.get(7));
        }
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT seq, imported_from, imported_head, imported_at, imported_seq"
                     + " FROM submission_event ORDER BY seq")) {
            for (int seq = 1; seq <= 18; seq++) {
                assertThat(rows.next()).isTrue();
                if (seq <= 2) {
                    assertThat(rows.getString("imported_from")).as("a native row").isNull();
                    continue;
                }
                assertThat(rows.getString("imported_from")).isEqualTo(file.toAbsolutePath().normalize().toString());
                assertThat(rows.getString("imported_head")).isEqualTo(localHead.toString());
                assertThat(rows.getString("imported_at")).isEqualTo("2026-12-02T08:00:00.000Z");
                assertThat(rows.getLong("imported_seq")).isEqualTo(seq - 2);
            }
        }
        assertThat(fileChainRebuiltFromTheTeamHistory()).as("the file's chain checked from the team history alone")
                .isEqualTo(localHead);
        try (AuditLog audit = openAudit()) {
            assertThat(audit.verifyImports()).singleElement().satisfies(chain -> {
                assertThat(chain.intact()).as(chain.describe()).isTrue();
                assertThat(chain.head()).isEqualTo(localHead);
                assertThat(chain.noted()).isEqualTo(localHead);
                assertThat(chain.source()).isEqualTo(file.toAbsolutePath().normalize().toString());
            });
        }
    }

    @Test
    void anImportedRowChangedInTheTeamHistoryNoLongerVerifiesAsTheFilesChain() throws Exception {
        writeLocal(0, 4, PROD);
        importFile();
        TestPostgres.execute(database, "ALTER TABLE submission_event DISABLE TRIGGER submission_event_no_change",
                "UPDATE submission_event SET reason = 'Approved, as agreed' WHERE imported_seq = 5",
                "ALTER TABLE submission_event ENABLE TRIGGER submission_event_no_change");

        try (AuditLog audit = openAudit()) {
            assertThat(audit.verifyImports()).singleElement().satisfies(chain -> {
                assertThat(chain.intact()).isFalse();
                assertThat(chain.describe()).contains("does not verify from the team history")
                        .contains("the file's row seq 5");
                assertThat(chain.head().seq()).isEqualTo(4);
            });
        }
    }

    private AuditLog openAudit() {
        return AuditLog.openTeam(TeamHistories.location(database, TestPostgres.SUPERUSER),
                TeamHistories.withPassword(TestPostgres.SUPERUSER_PASSWORD));
    }

    @Test
    void aSecondRunImportsNothingAndARunAfterMoreDecisionsImportsOnlyThose() throws Exception {
        writeLocal(0, 4, PROD);
        assertThat(importFile().imported()).isEqualTo(8);

        TeamHistoryImport.Result again = importFile();
        assertThat(again.imported()).isZero();
        assertThat(again.alreadyImported()).isEqualTo(8);
        assertThat(again.teamHead().seq()).isEqualTo(8);

        writeLocal(4, 6, PROD);
        TeamHistoryImport.Result more = importFile();
        assertThat(more.imported()).as("decision 4 accepted, 5 refused: 2 rows each").isEqualTo(4);
        assertThat(more.alreadyImported()).isEqualTo(8);
        assertThat(more.firstSeq()).isEqualTo(9);
        assertThat(fileChainRebuiltFromTheTeamHistory().seq()).isEqualTo(more.sourceHead().seq());
    }

    @Test
    void aFileWhoseChainDoesNotVerifyIsRefusedWithTheReasonAndNothingIsImported() throws Exception {
        writeLocal(0, 4, PROD);
        try (Connection c = SampleSubmissions.rawConnection(file); Statement s = c.createStatement()) {
            s.execute("DROP TRIGGER submission_event_no_update");
            s.execute("UPDATE submission_event SET reason = 'Approved, as agreed' WHERE seq = 3");
        }

        assertThatThrownBy(this::importFile).isInstanceOfSatisfying(TeamHistoryImport.Refused.class, refused -> {
            assertThat(refused.chainBroken()).isTrue();
            assertThat(refused.getMessage()).contains("its own chain does not verify").contains("row seq 3")
                    .contains("Nothing was imported");
        });
        assertThat(teamRows()).isZero();
    }

    @Test
    void sandboxDecisionsAreRefused() throws Exception {
        writeLocal(0, 2, ConnectionId.sandbox());

        assertThatThrownBy(this::importFile).isInstanceOf(TeamHistoryImport.Refused.class)
                .hasMessageContaining("sandbox decisions");
        assertThat(teamRows()).isZero();
    }

    @Test
    void aDecisionTheTeamHistoryJournaledItselfIsRefusedAndNothingIsImported() throws Exception {
        List<Submission> local = writeLocal(0, 3, PROD);
        try (HistoryStore team = TeamHistories.openAsOwner(database)) {
            team.recordIntent(local.get(2));
        }

        assertThatThrownBy(this::importFile).isInstanceOf(TeamHistoryImport.Refused.class)
                .hasMessageContaining(local.get(2).requestToken().value()).hasMessageContaining("as its row seq 1");
        assertThat(teamRows()).as("the rows before it were rolled back").isEqualTo(1);
    }

    private long teamRows() throws SQLException {
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT count(*) FROM submission_event")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * What an auditor can do with the team history alone: take the imported rows in their source order, put back
     * their source seq and their intents' source seq, leave out the provenance, and walk the file's chain; returns its
     * head, after checking every row's hash against the one it had in the file.
     */
    private ChainHead fileChainRebuiltFromTheTeamHistory() throws SQLException {
        AuditChain chain = new AuditChain();
        String previous = AuditChain.GENESIS;
        long lastSeq = 0;
        Map<Long, Long> sourceSeqOf = new HashMap<>();
        try (Connection c = TestPostgres.superuserOn(database); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT * FROM submission_event WHERE imported_seq IS NOT NULL"
                     + " ORDER BY imported_seq")) {
            ResultSetMetaData meta = rows.getMetaData();
            while (rows.next()) {
                sourceSeqOf.put(rows.getLong("seq"), rows.getLong("imported_seq"));
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    String name = meta.getColumnName(i);
                    // The stored search words (team schema 5) are derived from hashed columns, not hashed.
                    if (!name.startsWith("imported_") && !name.equals("hash") && !name.equals("search_words")) {
                        row.put(name, rows.getString(i));
                    }
                }
                row.put("seq", rows.getString("imported_seq"));
                if (row.get("intent_seq") != null) {
                    row.put("intent_seq", Long.toString(sourceSeqOf.get(Long.parseLong(row.get("intent_seq")))));
                }
                String hash = chain.next(previous, row);
                assertThat(hash).as("row " + row.get("seq") + " of the file").isEqualTo(rows.getString("imported_hash"));
                previous = hash;
                lastSeq = rows.getLong("imported_seq");
            }
        }
        return new ChainHead(lastSeq, previous);
    }
}
