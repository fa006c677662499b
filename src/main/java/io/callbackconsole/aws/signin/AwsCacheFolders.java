package io.callbackconsole.aws.signin;

import java.nio.file.Path;
import software.amazon.awssdk.utils.UserHomeDirectoryUtils;

/**
 * Where sign-ins are cached: the AWS CLI's folders under ~/.aws, found the way the SDK finds them (HOME first), so the
 * console, the SDK and the {@code aws} command share one sign-in. The system property {@value #PROPERTY} names another
 * folder in place of ~/.aws (tests use it; they never touch the real home).
 *
 * @param ssoTokens           {@code ~/.aws/sso/cache}: SSO tokens, one file per session or start URL
 * @param assumedRoleSessions {@code ~/.aws/cli/cache}: assume-role sessions, as the AWS CLI caches them
 */
public record AwsCacheFolders(Path ssoTokens, Path assumedRoleSessions) {
    public static final String PROPERTY = "callbackconsole.awsDir";

    public static AwsCacheFolders resolve() {
        String override = System.getProperty(PROPERTY);
        Path aws = override != null && !override.isBlank() ? Path.of(override)
                : Path.of(UserHomeDirectoryUtils.userHomeDirectory(), ".aws");
        return under(aws);
    }

    /** The folders under {@code aws}, a stand-in for ~/.aws. */
    public static AwsCacheFolders under(Path aws) {
        return new AwsCacheFolders(aws.resolve("sso").resolve("cache"), aws.resolve("cli").resolve("cache"));
    }
}
