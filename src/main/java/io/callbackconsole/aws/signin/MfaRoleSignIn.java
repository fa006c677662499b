package io.callbackconsole.aws.signin;

import io.callbackconsole.domain.InvalidInputException;
import java.net.URI;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.Credentials;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Assumes an MFA-protected role of a profile: asks for the device's code, calls {@code AssumeRole} with
 * {@code SerialNumber} and {@code TokenCode} using the source profile's credentials, and caches the session until it
 * expires, 0600, where the AWS CLI caches it. The code is sent to STS and nowhere else: not cached, not logged. Blocking:
 * call it off the FX thread.
 */
public final class MfaRoleSignIn {
    private static final Logger log = LoggerFactory.getLogger(MfaRoleSignIn.class);
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    private final ProfileFile profiles;
    private final AssumedRoleSessionCache cache;
    private final Region region;
    private final URI stsEndpoint;
    private final Clock clock;

    /** @param stsEndpoint null for AWS's STS (or where AWS_ENDPOINT_URL_STS points) */
    public MfaRoleSignIn(ProfileFile profiles, AssumedRoleSessionCache cache, Region region, URI stsEndpoint,
                         Clock clock) {
        this.profiles = Objects.requireNonNull(profiles, "profiles");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.region = Objects.requireNonNull(region, "region");
        this.stsEndpoint = stsEndpoint;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Whether the code is one an MFA device shows: six digits. */
    public static boolean isWellFormedCode(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    /**
     * Asks {@code prompts} for the code and assumes the role.
     *
     * @throws CredentialProblem MFA_REQUIRED when no code is given; MFA_CODE_REFUSED, ROLE_NOT_ASSUMABLE,
     *                           CLOCK_SKEW or NO_CREDENTIALS (of the source profile) when AWS refuses
     * @throws InvalidInputException when the code given is not six digits
     */
    public AssumedRoleSession signIn(SignInProfile profile, CredentialPrompts prompts) {
        SignInProfile.MfaRole role = roleOf(profile);
        Optional<String> code = prompts.mfaCode(profile.name(), role.mfaSerial());
        if (code.isEmpty()) {
            throw new CredentialProblem(CredentialState.MFA_REQUIRED, profile.name(), role.mfaSerial());
        }
        return signInWithCode(profile, code.get());
    }

    /** As {@link #signIn}, with the code already known ({@code --mfa-code}). */
    public AssumedRoleSession signInWithCode(SignInProfile profile, String code) {
        SignInProfile.MfaRole role = roleOf(profile);
        String trimmed = code == null ? null : code.strip();
        if (!isWellFormedCode(trimmed)) {
            throw new InvalidInputException("An MFA code is the 6 digits the device shows now.");
        }
        ProfileCredentialsProvider source = ProfileCredentialsProvider.builder().profileFile(profiles)
                .profileName(role.sourceProfile()).build();
        StsClientBuilder builder = StsClient.builder().region(region)
                .credentialsProvider(new ConnectionCredentials(source, role.sourceProfile(), null))
                .httpClientBuilder(ApacheHttpClient.builder());
        if (stsEndpoint != null) {
            builder.endpointOverride(stsEndpoint);
        }
        try (StsClient sts = builder.build()) {
            String sessionName = role.roleSessionName() != null ? role.roleSessionName()
                    : "callback-console-" + clock.millis();
            AssumeRoleResponse answer = sts.assumeRole(b -> b.roleArn(role.roleArn()).roleSessionName(sessionName)
                    .serialNumber(role.mfaSerial()).tokenCode(trimmed).externalId(role.externalId())
                    .durationSeconds(role.durationSeconds()));
            Credentials keys = answer.credentials();
            AssumedRoleSession session = new AssumedRoleSession(keys.accessKeyId(), keys.secretAccessKey(),
                    keys.sessionToken(), keys.expiration(),
                    answer.assumedRoleUser() == null ? null : answer.assumedRoleUser().arn());
            cache.store(role, session);
            log.info("Assumed {} with MFA for profile {}; the session lasts until {}", role.roleArn(), profile.name(),
                    session.expiration());
            return session;
        } catch (StsException e) {
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            if (message != null && message.contains("MultiFactorAuthentication")) {
                throw new CredentialProblem(CredentialState.MFA_CODE_REFUSED, profile.name(), role.mfaSerial(),
                        message, e);
            }
            throw CredentialProblems.classify(e, profile.name(), role.roleArn()).map(p -> (RuntimeException) p)
                    .orElse(e);
        } finally {
            source.close();
        }
    }

    private static SignInProfile.MfaRole roleOf(SignInProfile profile) {
        if (profile.kind() != SignInProfile.Kind.MFA_ROLE) {
            throw new IllegalArgumentException("Profile " + profile.name() + " assumes no role with MFA");
        }
        return profile.mfaRole();
    }
}
