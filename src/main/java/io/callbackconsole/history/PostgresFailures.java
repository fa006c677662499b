package io.callbackconsole.history;

import io.callbackconsole.history.HistoryUnavailableException.Problem;
import java.sql.SQLException;

/**
 * Turns what the PostgreSQL server or its driver reports (SQLSTATE classes) into messages an operator can act on.
 * A sign-in refusal is worded from the role alone: the server's text is left out, so nothing typed as a password can
 * come back in a message.
 */
final class PostgresFailures {
    static final String PASSWORD_SOURCES = "~/.pgpass (or the file PGPASSFILE names; the file must be readable by"
            + " you alone, 0600), or set PGPASSWORD";

    private PostgresFailures() {
    }

    /**
     * @param role  the role the console signs in as, for a sign-in refusal
     * @param doing what the store was doing, as a phrase ("opening it", "journaling the decision on token X")
     */
    static RuntimeException translate(TeamHistoryLocation location, String role, String doing, SQLException e) {
        return translate(location, role, doing, e, true);
    }

    /**
     * As {@link #translate(TeamHistoryLocation, String, String, SQLException)}, for the auditor's reads, which send
     * nothing: an unreachable server is not said to have kept anything from SageMaker.
     */
    static RuntimeException translateReading(TeamHistoryLocation location, String role, String doing,
                                             SQLException e) {
        return translate(location, role, doing, e, false);
    }

    private static RuntimeException translate(TeamHistoryLocation location, String role, String doing,
                                              SQLException e, boolean journaling) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String where = "The team history " + location.display();
        if (state.startsWith("28") || isMissingPassword(e)) {
            return new HistoryUnavailableException(Problem.AUTHENTICATION, location, where + " refused the sign-in"
                    + " of role " + role + " while " + doing + ": the password is wrong or missing, or the role may"
                    + " not sign in from this machine. Put the role's password in " + PASSWORD_SOURCES + "; ask the"
                    + " database administrator when the role or its access is in doubt.", null);
        }
        if (isTlsNotOffered(e)) {
            return new HistoryUnavailableException(Problem.UNREACHABLE, location, where + " asks for TLS (sslmode="
                    + location.sslMode().orElse("require") + "), and the server does not offer it (" + e.getMessage()
                    + "); nothing was sent unencrypted. Ask the database administrator to turn TLS on (ssl = on), and keep"
                    + " sslmode=verify-full with sslrootcert naming the server's CA, so the console checks who"
                    + " answers.", e);
        }
        if (state.equals("3D000")) {
            return new HistoryUnavailableException(Problem.CANNOT_OPEN, location, where + " names a database the"
                    + " server does not have. Check the database in the URL, or ask the database administrator to"
                    + " create it (README: Team history on PostgreSQL).", e);
        }
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return new HistoryUnavailableException(Problem.UNREACHABLE, location, where + " cannot be reached while "
                    + doing + " (" + e.getMessage() + ")." + (journaling ? " Nothing was sent to SageMaker." : "")
                    + " Check the host and port,"
                    + " that the server runs and accepts connections from this machine, and the sslmode; then try"
                    + " again.", e);
        }
        if (state.equals("42501")) {
            return new HistoryUnavailableException(Problem.PRIVILEGES, location, where + " refused role " + role
                    + " while " + doing + ": " + e.getMessage() + ". The console's role needs SELECT and INSERT on"
                    + " its tables (README: Team history on PostgreSQL, team-history-grants.sql).", e);
        }
        if (state.equals("53100")) {
            return new HistoryUnavailableException(Problem.DISK_FULL, location, where + " cannot grow while " + doing
                    + ": the server's disk is full. Ask the database administrator to free space.", e);
        }
        if (state.equals("53300")) {
            return new HistoryUnavailableException(Problem.UNREACHABLE, location, where + " has no connection free"
                    + " (too many clients) while " + doing + ". Try again, or ask the database administrator to"
                    + " raise max_connections.", e);
        }
        if (state.startsWith("23")) {
            return new IllegalStateException(where + " refused a row while " + doing + ": " + e.getMessage(), e);
        }
        return new HistoryUnavailableException(Problem.OTHER, location, where + " failed while " + doing + ": "
                + e.getMessage(), e);
    }

    /** The driver's refusal when the URL requires TLS and the server answers that it has none. */
    private static boolean isTlsNotOffered(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.contains("does not support SSL");
    }

    /** The driver refuses before the server answers when a password is asked and none was found. */
    private static boolean isMissingPassword(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.contains("no password was provided") || message.contains("password-based authentication");
    }
}
