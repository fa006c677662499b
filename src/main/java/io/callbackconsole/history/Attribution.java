package io.callbackconsole.history;

import io.callbackconsole.domain.CallerIdentity;
import io.callbackconsole.domain.Operator;
import java.util.Objects;

/**
 * Whom the rows a store writes are attributed to: the OS user at the console and, for the open connection, the AWS
 * caller identity (fetched once per connection), profile and region. Never credentials.
 *
 * @param caller  null when STS could not be asked (the rows then say so by leaving it empty)
 * @param profile null for the SDK's default chain or the sandbox
 * @param region  null when unknown
 */
public record Attribution(Operator operator, CallerIdentity caller, String profile, String region) {

    public Attribution {
        Objects.requireNonNull(operator, "operator");
    }

    /** The OS user only, before a connection is open. */
    public static Attribution osUserOnly() {
        return new Attribution(Operator.current(), null, null, null);
    }
}
