package io.callbackconsole.ui.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionFormTest {

    @Test
    void aCompleteAwsConnectionIsRead() {
        ConnectionForm.Result result = ConnectionForm.read(false, "ops", "eu-west-1",
                "https://sqs.eu-west-1.amazonaws.com/123456789012/a\n\n https://sqs.eu-west-1.amazonaws.com/123456789012/b \n",
                "", "http://127.0.0.1:4000", "");
        assertThat(result.valid()).isTrue();
        assertThat(result.settings().queueUrls()).hasSize(2);
        assertThat(result.settings().sageMakerEndpoint()).hasToString("http://127.0.0.1:4000");
        assertThat(result.settings().sqsEndpoint()).isNull();
    }

    @Test
    void theSandboxNeedsNothingElse() {
        assertThat(ConnectionForm.read(true, null, null, null, null, null, null).settings().sandbox()).isTrue();
    }

    @Test
    void eachBadFieldIsNamed() {
        assertThat(ConnectionForm.read(false, "", "Frankfurt", "https://q.example/1", "", "", "").problem())
                .contains("\"Frankfurt\" is not a region name");
        assertThat(ConnectionForm.read(false, "", "", "sqs/queue", "", "", "").problem())
                .contains("\"sqs/queue\" is not a queue URL");
        assertThat(ConnectionForm.read(false, "", "", "", "", "", "").problem())
                .contains("Add at least one queue URL");
        assertThat(ConnectionForm.read(false, "", "", "https://q.example/1", "ftp://x", "", "").problem())
                .contains("The SQS endpoint \"ftp://x\" is not an http:// or https:// URL");
    }

    @Test
    void findingCallbackQueuesNeedsNoQueueYetButStillRefusesABadOne() {
        ConnectionForm.Result noQueues = ConnectionForm.readForQueueDiscovery("ops", "eu-west-1", "  \n", "", "", "");
        assertThat(noQueues.valid()).isTrue();
        assertThat(noQueues.settings().queueUrls()).as("no placeholder queue is made up").isEmpty();
        assertThat(ConnectionForm.readForQueueDiscovery("", "", "sqs/queue", "", "", "").problem())
                .contains("\"sqs/queue\" is not a queue URL");
        assertThat(ConnectionForm.readForQueueDiscovery("", "Frankfurt", "", "", "", "").problem())
                .contains("\"Frankfurt\" is not a region name");
    }
}
