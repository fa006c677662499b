package io.callbackconsole.domain;

import java.util.Objects;

/**
 * Who AWS says the console acts as, from STS {@code GetCallerIdentity}: the principal's ARN and its account. Holds no
 * secret (the ARN names a user or role session, never a key).
 */
public record CallerIdentity(String arn, String account) {

    public CallerIdentity {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(account, "account");
        if (!arn.startsWith("arn:")) {
            throw new InvalidInputException("A caller identity ARN starts with \"arn:\"; got \"" + arn + "\".");
        }
        if (!account.matches("[0-9]{12}")) {
            throw new InvalidInputException("An AWS account id is 12 digits; got \"" + account + "\".");
        }
    }
}
