package io.callbackconsole.history;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A SELECT a write transaction makes once it holds the chain, before it appends (a batch's look-ups): its SQL, its
 * parameters and what is done with its rows. Given to {@link HistoryDialect#beginWriteAtHead}, so that a team history
 * sends it in the message that takes the lock and reads the head, instead of a round trip of its own.
 */
interface LockedRead {
    /** One SELECT, without a terminating semicolon. */
    String sql();

    /** Binds the parameters from {@code first} on; returns the position after the last. */
    int bind(PreparedStatement statement, int first) throws SQLException;

    /** Takes in the rows. */
    void read(ResultSet rows) throws SQLException;
}
