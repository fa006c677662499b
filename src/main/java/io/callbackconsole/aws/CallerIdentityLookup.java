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
     * What STS said: the caller identity, or why there is none, in words for the window's warning.
     *
     * @param identity the caller, or null when STS could not be asked or its answer was unusable
     * @param problem  null when the identity is known; else what went wrong and within which deadline
     */
    public record Answer(CallerIdentity identity, String problem) {
        public Optional<CallerIdentity> known() {
            return Optional.ofNullable(identity);
        }
    }

    /**
     * The caller identity of the factory's connection, or empty when STS cannot be asked or answers with something
     * unusable; the reason is logged (never the credentials) and the history then leaves the identity empty.
     */
    public static Optional<CallerIdentity> fetch(AwsClientFactory clients) {
        return lookUp(clients).known();
    }

    /** As {@link #fetch}, keeping the reason when there is no identity. */
    public static Answer lookUp(AwsClientFactory clients) {
        try (StsClient sts = clients.sts()) {
            GetCallerIdentityResponse answer = sts.getCallerIdentity();
            return new Answer(new CallerIdentity(answer.arn(), answer.account()), null);
        } catch (SdkException | IllegalArgumentException | IllegalStateException e) {
            OperatorError why = new AwsErrorExplainer().explain(e, clients.tuning().sts());
            log.warn("Cannot learn the AWS caller identity of {} from STS (deadline {}); history rows will not name "
                    + "it: {} {}", clients.settings().label(), clients.tuning().sts().describe(), why.code(),
                    why.serviceMessage());
            String reason = why.code() + (why.serviceMessage() == null || why.serviceMessage().isBlank() ? ""
                    : ": " + why.serviceMessage());
            return new Answer(null, "STS did not say whose credentials these are (" + reason + "; deadline "
                    + clients.tuning().sts().describe() + ").");
        }
    }
}
