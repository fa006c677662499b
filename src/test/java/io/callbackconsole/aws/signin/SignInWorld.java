package io.callbackconsole.aws.signin;

import io.callbackconsole.sandbox.IdentityCenterSimulator;
import io.callbackconsole.sandbox.StsSimulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A world to sign in to without AWS or the real home: profile files and a stand-in for ~/.aws in a temp folder, the
 * STS and IAM Identity Center simulators on loopback, and the SDK pointed at all of them through the same system
 * properties a user's environment would set (aws.configFile, aws.endpointUrlSts, ...). Closing restores them.
 */
public final class SignInWorld implements AutoCloseable {
    public static final String ACCOUNT = "111122223333";
    public static final String ROLE = "arn:aws:iam::111122223333:role/CallbackOperator";
    public static final String MFA_SERIAL = "arn:aws:iam::111122223333:mfa/operator";
    public static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public static final String START_URL = "https://corp.awsapps.com/start";

    public final Path folder;
    public final Path awsDir;
    public final StsSimulator sts;
    public final IdentityCenterSimulator identityCenter;
    private final Map<String, String> saved = new LinkedHashMap<>();

    public SignInWorld(Path folder) {
        this.folder = folder;
        this.awsDir = folder.resolve("aws-home");
        this.sts = StsSimulator.start(0, ACCOUNT);
        this.identityCenter = IdentityCenterSimulator.start(0);
        identityCenter.addAccountRole(ACCOUNT, "CallbackOperator");
        sts.addRole(ROLE, MFA_SERIAL, "123456");
        sts.addRole("arn:aws:iam::111122223333:role/PlainRole", null, null);
        URI oidc = identityCenter.endpoint();
        write("config", """
                [profile base]
                region = us-east-2

                [profile mfa]
                role_arn = %s
                source_profile = base
                mfa_serial = %s
                region = us-east-2

                [profile plain-role]
                role_arn = arn:aws:iam::111122223333:role/PlainRole
                source_profile = base
                region = us-east-2

                [profile late-role]
                role_arn = arn:aws:iam::111122223333:role/LateRole
                source_profile = base
                region = us-east-2

                [profile forbidden-role]
                role_arn = arn:aws:iam::111122223333:role/NotForYou
                source_profile = base
                region = us-east-2

                [profile no-region]
                role_arn = arn:aws:iam::111122223333:role/PlainRole
                source_profile = base

                [profile sso-dev]
                sso_session = corp
                sso_account_id = %s
                sso_role_name = CallbackOperator
                region = us-east-2

                [profile sso-legacy]
                sso_start_url = %s
                sso_region = us-east-1
                sso_account_id = %s
                sso_role_name = CallbackOperator
                region = us-east-2

                [profile empty]
                region = us-east-2

                [sso-session corp]
                sso_region = us-east-1
                sso_start_url = %s
                sso_registration_scopes = sso:account:access
                """.formatted(ROLE, MFA_SERIAL, ACCOUNT, START_URL, ACCOUNT, START_URL));
        write("credentials", """
                [base]
                aws_access_key_id = AKIAIOSFODNN7EXAMPLE
                aws_secret_access_key = %s
                """.formatted(SECRET));
        set("aws.configFile", folder.resolve("config").toString());
        set("aws.sharedCredentialsFile", folder.resolve("credentials").toString());
        set(AwsCacheFolders.PROPERTY, awsDir.toString());
        set("aws.endpointUrlSts", sts.endpoint().toString());
        set("aws.endpointUrlSso", oidc.toString());
        set("aws.endpointUrlSsoOidc", oidc.toString());
        set("aws.region", null);
    }

    public AwsCacheFolders caches() {
        return AwsCacheFolders.under(awsDir);
    }

    private void write(String name, String content) {
        try {
            Files.writeString(folder.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void set(String key, String value) {
        saved.put(key, System.getProperty(key));
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    @Override
    public void close() {
        saved.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        sts.close();
        identityCenter.close();
    }
}
