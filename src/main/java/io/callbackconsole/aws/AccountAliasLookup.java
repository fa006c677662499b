package io.callbackconsole.aws;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.iam.IamClient;

/**
 * Asks IAM for the account's alias ({@code ListAccountAliases}; an account has at most one), so the header can name
 * the account as people know it. Optional by design: many operator roles may not call IAM, and the account id is
 * shown anyway. So one short attempt, and any failure (AccessDenied, time-out, an answer that is not an alias) is no
 * alias, logged once per look-up, never an error for the window. Blocking, for at most {@link #DEADLINE}.
 */
public final class AccountAliasLookup {
    private static final Logger log = LoggerFactory.getLogger(AccountAliasLookup.class);
    /** One attempt of 3 s: the alias is a courtesy, not worth a wait or a retry. */
    public static final CallDeadline DEADLINE = new CallDeadline(Duration.ofSeconds(3), 1, Duration.ofSeconds(3));
    /** IAM's own rule for an alias: what an answer must look like to be shown. */
    private static final Pattern ALIAS = Pattern.compile("[a-z0-9](?:[a-z0-9]|-(?!-)){1,61}[a-z0-9]");

    private AccountAliasLookup() {
    }

    /** The alias of the factory's account, or empty (none set, not allowed, no answer in time, not an alias). */
    public static Optional<String> lookUp(AwsClientFactory clients) {
        return lookUp(clients, DEADLINE);
    }

    static Optional<String> lookUp(AwsClientFactory clients, CallDeadline deadline) {
        ConnectionSettings settings = clients.settings();
        if (settings.iamEndpoint() == null && (settings.sandbox() || settings.overridesEndpoints())) {
            // Endpoints of one's own and IAM's real one would mix two worlds, and send these credentials to AWS.
            log.info("No account alias for {}: its endpoints are overridden and no IAM endpoint is set",
                    settings.label());
            return Optional.empty();
        }
        try (IamClient iam = clients.iam(deadline)) {
            Optional<String> alias = iam.listAccountAliases().accountAliases().stream().findFirst();
            if (alias.isPresent() && !ALIAS.matcher(alias.get()).matches()) {
                log.info("IAM's answer for the account alias of {} is not an alias; none is shown", settings.label());
                return Optional.empty();
            }
            return alias;
        } catch (SdkException | IllegalArgumentException | IllegalStateException e) {
            OperatorError why = new AwsErrorExplainer().explain(e, deadline);
            log.info("No account alias for {} (IAM ListAccountAliases, deadline {}): {} {}", settings.label(),
                    deadline.describe(), why.code(), why.serviceMessage() == null ? "" : why.serviceMessage());
            return Optional.empty();
        }
    }
}
