package io.callbackconsole.aws.signin;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * The credentials every client of one connection shares. Deliberately not closeable: an SDK client closes the
 * credentials provider it was given when it closes, and a shared assume-role provider closed that way leaves every
 * other client with "Connection pool shut down" (its STS client is gone). The connection's factory owns and closes the
 * provider behind it. Failures that mean a credential state come out as a {@link CredentialProblem}.
 */
public final class ConnectionCredentials implements AwsCredentialsProvider {
    private final AwsCredentialsProvider provider;
    private final String profile;
    private final String roleArn;

    /**
     * @param profile the profile, named in problems; null for the default chain
     * @param roleArn the role the profile assumes, named when AssumeRole is refused; null when none
     */
    public ConnectionCredentials(AwsCredentialsProvider provider, String profile, String roleArn) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.profile = profile;
        this.roleArn = roleArn;
    }

    @Override
    public AwsCredentials resolveCredentials() {
        try {
            return provider.resolveCredentials();
        } catch (RuntimeException e) {
            throw CredentialProblems.classify(e, profile, roleArn).map(p -> (RuntimeException) p).orElse(e);
        }
    }

    @Override
    public String toString() {
        return "ConnectionCredentials[" + (profile == null ? "default chain" : profile) + "]";
    }
}
