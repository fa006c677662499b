package io.callbackconsole.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.CallerIdentity;
import io.callbackconsole.sandbox.StsSimulator;
import io.callbackconsole.testing.FaultProxy;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The caller-identity look-up is worth a short wait only: a silent STS must not hold up opening a connection. */
class CallerIdentityLookupTest {
    private static final CallDeadline SHORT_STS = CallDeadline.of(Duration.ofMillis(500), 2);

    private static ConnectionSettings stsAt(URI endpoint) {
        return new ConnectionSettings(true, null, "us-east-2", List.of(), null, null, endpoint,
                ClientTuning.DEFAULT.withDeadlines(ClientTuning.SAGEMAKER_DEFAULT, ClientTuning.SQS_DEFAULT, SHORT_STS));
    }

    @Test
    void aHangingStsGivesNoIdentityWithinItsShortDeadline() {
        try (FaultProxy silent = FaultProxy.start(URI.create("http://127.0.0.1:9")).always(FaultProxy.Fault.HANG);
             AwsClientFactory clients = AwsClientFactory.create(stsAt(silent.endpoint()))) {
            long started = System.nanoTime();
            Optional<CallerIdentity> identity = CallerIdentityLookup.fetch(clients);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(identity).isEmpty();
            assertThat(elapsed).as("2 attempts of 500 ms, 1.25 s in all, plus slack")
                    .isLessThan(SHORT_STS.total().plusSeconds(2));
            assertThat(silent.handled()).hasSizeBetween(1, SHORT_STS.attempts());
        }
    }

    @Test
    void theDefaultStsDeadlineIsSeconds() {
        assertThat(ClientTuning.DEFAULT.sts()).isEqualTo(new CallDeadline(Duration.ofSeconds(3), 2,
                Duration.ofMillis(7500)));
    }

    @Test
    void anAnsweringStsNamesTheCaller() {
        try (StsSimulator sts = StsSimulator.start(0, "123456789012");
             AwsClientFactory clients = AwsClientFactory.create(stsAt(sts.endpoint())
                     .withTuning(ClientTuning.DEFAULT))) {
            assertThat(CallerIdentityLookup.fetch(clients)).contains(new CallerIdentity(sts.callerArn(), "123456789012"));
        }
    }
}
