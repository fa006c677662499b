package io.callbackconsole.triage;

import io.callbackconsole.aws.AccountAliasLookup;
import io.callbackconsole.aws.AwsClientFactory;
import io.callbackconsole.aws.CallerIdentityLookup;
import io.callbackconsole.domain.CallerIdentity;
import java.util.Optional;

/**
 * Who one session acts as, for the header and the terminal's warnings: the principal STS named (or why it named
 * none) and the account's alias, asked of IAM once.
 */
public final class SessionIdentity {
    private final CallerIdentityLookup.Answer identity;
    /** Asked for the account alias once, on first use; closed with the session. */
    private final AwsClientFactory clients;
    private Optional<String> accountAlias;

    SessionIdentity(CallerIdentityLookup.Answer identity, AwsClientFactory clients) {
        this.identity = identity;
        this.clients = clients;
    }

    /** The AWS principal this session acts as; empty for the sandbox's fixed one only if STS failed. */
    public Optional<CallerIdentity> caller() {
        return identity.known();
    }

    /**
     * Why the caller identity is unknown, or empty when it is known: decisions are then recorded without the AWS
     * principal, and the connection is known by its label instead of its account.
     */
    public Optional<String> problem() {
        return Optional.ofNullable(identity.problem());
    }

    /**
     * Blocking, for at most {@link AccountAliasLookup#DEADLINE} and only the first time: the account's alias as IAM
     * gives it, or empty when it gives none (not set, not allowed, no answer). Never fails: the alias is only shown.
     */
    public synchronized Optional<String> accountAlias() {
        if (accountAlias == null) {
            accountAlias = AccountAliasLookup.lookUp(clients);
        }
        return accountAlias;
    }
}
