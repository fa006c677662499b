package io.callbackconsole.history;

/** Connection scoping ({@link HistoryConnectionScopeTest}) on a team history: a fresh database per test. */
class TeamHistoryConnectionScopeTest extends HistoryConnectionScopeTest {
    @Override
    HistoryStore openStore() {
        return TeamHistories.openFreshAsOwner();
    }
}
