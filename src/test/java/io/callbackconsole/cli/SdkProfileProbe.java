package io.callbackconsole.cli;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;

/**
 * Run in a child JVM by {@link LoginCommandProcessTest}: resolves a profile with the SDK's own, unmodified profile
 * provider (which reads ~/.aws/sso/cache under HOME) and prints only the key id's first four characters.
 */
public final class SdkProfileProbe {
    private SdkProfileProbe() {
    }

    public static void main(String[] args) {
        try (ProfileCredentialsProvider provider = ProfileCredentialsProvider.create(args[0])) {
            AwsCredentials credentials = provider.resolveCredentials();
            System.out.println("resolved " + credentials.accessKeyId().substring(0, 4));
        }
    }
}
