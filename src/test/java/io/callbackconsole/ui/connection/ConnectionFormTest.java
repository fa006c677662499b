package io.callbackconsole.ui.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionFormTest {

    private static ConnectionForm.Fields fields(String profile, String region, String queues, String sqs,
                                                String sageMaker, String sts, String iam) {
        return new ConnectionForm.Fields(profile, region, queues, sqs, sageMaker, sts, iam);
    }

    @Test
    void aCompleteAwsConnectionIsRead() {
        ConnectionForm.Result result = ConnectionForm.read(false, fields("ops", "eu-west-1",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/a\n\n https://sqs.eu-west-1.amazonaws.com/123456789012/b \n",
                "", "http://127.0.0.1:4000", "", " http://127.0.0.1:4001 "));
        assertThat(result.valid()).isTrue();
        assertThat(result.settings().queueUrls()).hasSize(2);
        assertThat(result.settings().sageMakerEndpoint()).hasToString("http://127.0.0.1:4000");
        assertThat(result.settings().iamEndpoint()).as("where the account alias is asked")
                .hasToString("http://127.0.0.1:4001");
        assertThat(result.settings().sqsEndpoint()).isNull();
    }

    private static ConnectionForm.Fields withHistory(String url) {
        return new ConnectionForm.Fields("ops", "eu-west-1", "https://sqs.eu-west-1.amazonaws.com/123456789012/a", "",
                "", "", "", url);
    }

    @Test
    void aTeamHistoryUrlComesWithTheConnection() {
        ConnectionForm.Result result = ConnectionForm.read(false,
                withHistory(" postgresql://alice@db.example.com:5432/callback_history?sslmode=verify-full "));
        assertThat(result.valid()).isTrue();
        assertThat(result.settings().historyUrl())
                .isEqualTo("postgresql://alice@db.example.com:5432/callback_history?sslmode=verify-full");
        assertThat(ConnectionForm.read(false, withHistory(null)).settings().historyUrl()).as("the file").isNull();
    }

    @Test
    void aTeamHistoryChosenWithoutAUrlSaysWhatToWrite() {
        assertThat(ConnectionForm.read(false, withHistory("  ")).problem())
                .contains("Write the team history's URL, such as postgresql://");
    }

    @Test
    void aWrongTeamHistoryUrlSaysWhatAValidOneLooksLike() {
        assertThat(ConnectionForm.read(false, withHistory("mysql://db.example.com/history")).problem())
                .startsWith("That is not a team history URL: it does not start with postgresql://")
                .contains("postgresql://HOST:PORT/DB?sslmode=verify-full");
    }

    @Test
    void aTeamHistoryUrlWithAPasswordIsRefusedSayingWhereThePasswordGoes() {
        assertThat(ConnectionForm.read(false, withHistory("postgresql://alice:hunter2@db.example.com/h")).problem())
                .contains("carries a password").contains("~/.pgpass").contains("PGPASSFILE").contains("PGPASSWORD")
                .doesNotContain("hunter2");
    }

    @Test
    void theSandboxNeedsNothingElse() {
        assertThat(ConnectionForm.read(true, ConnectionForm.Fields.NONE).settings().sandbox()).isTrue();
    }

    @Test
    void eachBadFieldIsNamed() {
        assertThat(ConnectionForm.read(false, fields("", "Frankfurt", "https://q.example/1", "", "", "", "")).problem())
                .contains("\"Frankfurt\" is not a region name");
        assertThat(ConnectionForm.read(false, fields("", "", "sqs/queue", "", "", "", "")).problem())
                .contains("\"sqs/queue\" is not a queue URL");
        assertThat(ConnectionForm.read(false, fields("", "", "", "", "", "", "")).problem())
                .contains("Add at least one queue URL");
        assertThat(ConnectionForm.read(false, fields("", "", "https://q.example/1", "ftp://x", "", "", "")).problem())
                .contains("The SQS endpoint \"ftp://x\" is not an http:// or https:// URL");
        assertThat(ConnectionForm.read(false, fields("", "", "https://q.example/1", "", "", "", "iam.local")).problem())
                .contains("The IAM endpoint \"iam.local\" is not an http:// or https:// URL");
    }

    @Test
    void findingCallbackQueuesNeedsNoQueueYetButStillRefusesABadOne() {
        ConnectionForm.Result noQueues = ConnectionForm.readForQueueDiscovery(
                fields("ops", "eu-west-1", "  \n", "", "", "", ""));
        assertThat(noQueues.valid()).isTrue();
        assertThat(noQueues.settings().queueUrls()).as("no placeholder queue is made up").isEmpty();
        assertThat(ConnectionForm.readForQueueDiscovery(fields("", "", "sqs/queue", "", "", "", "")).problem())
                .contains("\"sqs/queue\" is not a queue URL");
        assertThat(ConnectionForm.readForQueueDiscovery(fields("", "Frankfurt", "", "", "", "", "")).problem())
                .contains("\"Frankfurt\" is not a region name");
    }
}
