package io.callbackconsole.history;

import io.callbackconsole.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The measurements' fast fill writes what the console writes: the same decisions through {@link HistoryStore#append}
 * and through the fast fill leave the same rows, column for column and hash for hash, on both backends, and the
 * chains verify. Three batches of the append path, so the operator (and attribution) changes between them.
 */
class AuditHistoryFillTest {
    private static final int DECISIONS = 2 * AuditHistoryFill.BATCH + 100;

    @TempDir
    Path dir;

    @Test
    void theFastFillOfAnSqliteHistoryWritesTheRowsTheConsoleAppends() throws Exception {
        Path appended = dir.resolve("appended.db");
        try (HistoryStore store = HistoryStore.open(appended, AuditHistoryFill.CONSOLE_VERSION)) {
            AuditHistoryFill.append(store, 0, DECISIONS);
        }
        Path filled = dir.resolve("filled.db");
        AuditHistoryFill.fastFillSqlite(filled, DECISIONS);

        List<List<String>> expected = sqliteRows(appended);
        assertThat(expected).hasSize(2 * DECISIONS);
        assertThat(sqliteRows(filled)).containsExactlyElementsOf(expected);
        try (AuditLog log = AuditLog.open(filled)) {
            assertThat(log.verify().intact()).isTrue();
            // The free-text index holds the filled rows as it holds appended ones.
            assertThat(log.count(AuditFilter.everything().withText(AuditHistoryFill.tokenOf(7)))).isEqualTo(2);
        }
    }

    @Test
    void theFastFillOfATeamHistoryWritesTheRowsTheConsoleAppends() throws Exception {
        String appended = TestPostgres.freshDatabase();
        try (HistoryStore store = TeamHistories.openAsOwner(appended)) {
            AuditHistoryFill.append(store, 0, DECISIONS);
        }
        String filled = TestPostgres.freshDatabase();
        TeamHistories.openAsOwner(filled).close();
        try (Connection c = TestPostgres.superuserOn(filled)) {
            AuditHistoryFill.fastFillTeam(c, DECISIONS);
        }

        List<List<String>> expected = teamRows(appended);
        assertThat(expected).hasSize(2 * DECISIONS);
        assertThat(teamRows(filled)).containsExactlyElementsOf(expected);
        try (AuditLog log = TeamHistories.openAuditAsSuperuser(filled)) {
            assertThat(log.verify().intact()).isTrue();
            assertThat(log.count(AuditFilter.everything().withText(AuditHistoryFill.tokenOf(7)))).isEqualTo(2);
        }
    }

    private static List<List<String>> sqliteRows(Path file) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            return rows(c);
        }
    }

    private static List<List<String>> teamRows(String database) throws SQLException {
        try (Connection c = TestPostgres.superuserOn(database)) {
            return rows(c);
        }
    }

    private static List<List<String>> rows(Connection c) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        List<String> columns = AuditHistoryFill.columns();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT " + String.join(", ", columns)
                + " FROM submission_event ORDER BY seq")) {
            while (r.next()) {
                List<String> row = new ArrayList<>(columns.size());
                for (int i = 1; i <= columns.size(); i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
