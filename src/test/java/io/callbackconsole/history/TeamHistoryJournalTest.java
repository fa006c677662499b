package io.callbackconsole.history;

import io.callbackconsole.testing.TestPostgres;
import java.sql.Connection;
import java.sql.SQLException;

/** The journal's contract ({@link HistoryStoreJournalTest}) on a team history: a fresh database per test. */
class TeamHistoryJournalTest extends HistoryStoreJournalTest {
    private String database;

    @Override
    HistoryStore open() {
        database = TeamHistories.freshDatabase();
        return TeamHistories.openAsOwner(database);
    }

    @Override
    Connection independentConnection() throws SQLException {
        return TestPostgres.superuserOn(database);
    }
}
