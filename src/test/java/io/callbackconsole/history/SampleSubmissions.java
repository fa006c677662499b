package io.callbackconsole.history;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;

/** Submissions and raw connections for the history tests. Times have millisecond precision, as the store keeps them. */
final class SampleSubmissions {

    static final String CONSOLE_VERSION = "0.1.0-test";
    static final Instant MORNING = Instant.parse("2025-03-01T09:15:30.123Z");

    private SampleSubmissions() {
    }

    static Submission decision(String callbackToken, String requestToken, Instant decidedAt) {
        return new Submission(
                new ClientRequestToken(requestToken),
                Action.FAIL,
                CallbackToken.of(callbackToken),
                PipelineExecutionArn.of("arn:aws:sagemaker:us-east-2:012345678901:pipeline/callback-pipeline/execution/7pinimwddh3a"),
                FailureReason.of("Data quality check failed: 12 % nulls in column \"amount\" — see ticket OPS-42"),
                new Operator("alice"),
                ConnectionId.sandbox(),
                decidedAt);
    }

    static Submission decision(String callbackToken, Instant decidedAt) {
        return decision(callbackToken, ("request-token-for-" + callbackToken + "-0123456789abcdef"), decidedAt);
    }

    /** A plain JDBC connection, independent of the store under test. */
    static Connection rawConnection(Path databaseFile) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + databaseFile);
    }
}
