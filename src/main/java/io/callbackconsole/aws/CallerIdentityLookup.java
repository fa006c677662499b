package io.callbackconsole.aws;

import io.callbackconsole.domain.CallerIdentity;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * Asks STS who the connection's credentials belong to ({@code GetCallerIdentity}, which needs no IAM permission),
 * once per connection, so every history row can name the AWS principal that acted. Blocking, for at most the
 * connection's short STS deadline ({@link ClientTuning#sts()}, 3 s and 2 attempts by default): a connection opens
 * without the identity rather than waiting for it.
 */
public final class CallerIdentityLookup {
    private static final Logger log = LoggerFactory.getLogger(CallerIdentityLookup.class);

    private CallerIdentityLookup() {
    }

    /**
     * The caller identity of the factory's connection, or empty when STS cannot be asked or answers with something
     * unusable; the reason is logged (never the credentials) and the history then leaves the identity empty.
     */
    public static Optional<CallerIdentity> fetch(AwsClientFactory clients) {
        try (StsClient sts = clients.sts()) {
            GetCallerIdentityResponse answer = sts.getCallerIdentity();
            return Optional.of(new CallerIdentity(answer.arn(), answer.account()));
        } catch (SdkException | IllegalArgumentException | IllegalStateException e) {
            OperatorError why = new AwsErrorExplainer().explain(e, clients.tuning().sts());
            log.warn("Cannot learn the AWS caller identity of {} from STS (deadline {}); history rows will not name "
                    + "it: {} {}", clients.settings().label(), clients.tuning().sts().describe(), why.code(),
                    why.serviceMessage());
            return Optional.empty();
        }
    }
}
