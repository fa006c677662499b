package io.callbackconsole.aws;

import io.callbackconsole.aws.signin.AssumedRoleSessionCache;
import io.callbackconsole.aws.signin.AwsCacheFolders;
import io.callbackconsole.aws.signin.CredentialProblem;
import io.callbackconsole.aws.signin.CredentialPrompts;
import io.callbackconsole.aws.signin.CredentialState;
import io.callbackconsole.aws.signin.MfaRoleSignIn;
import io.callbackconsole.aws.signin.SignInProfile;
import io.callbackconsole.aws.signin.SsoDeviceSignIn;
import io.callbackconsole.aws.signin.SsoToken;
import io.callbackconsole.aws.signin.SsoTokenCache;
import io.callbackconsole.domain.InvalidInputException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;

/**
 * Signs a connection's profile in, the one entry the window and the command line share: an SSO profile through the
 * device authorization in the browser, an MFA-protected assume-role profile with a code from its device. Other
 * profiles (keys, credential_process, web identity, assume-role without MFA) need no sign-in. Blocking: call it off the
 * FX thread. Reads the same profile files and caches as {@link AwsClientFactory}, so a connection opened after a
 * sign-in uses it.
 */
public final class ConnectionSignIn {
    /** A sign-in this close to its end counts as gone: the console would lose it mid-work. */
    private static final Duration MARGIN = Duration.ofMinutes(1);

    private final ConnectionSettings settings;
    private final ProfileFile profiles;
    private final SignInProfile profile;
    private final AwsCacheFolders caches;
    private final Clock clock;

    private ConnectionSignIn(ConnectionSettings settings, ProfileFile profiles, SignInProfile profile,
                             AwsCacheFolders caches, Clock clock) {
        this.settings = settings;
        this.profiles = profiles;
        this.profile = profile;
        this.caches = caches;
        this.clock = clock;
    }

    /**
     * @throws InvalidInputException when the connection names no profile (the sandbox, the default chain), the profile
     *                               does not exist, or it lacks a setting sign-in needs
     */
    public static ConnectionSignIn of(ConnectionSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (settings.sandbox()) {
            throw new InvalidInputException("The sandbox needs no sign-in.");
        }
        if (settings.profile() == null) {
            throw new InvalidInputException("Name the profile to sign in to (--profile, or a profile in Connect…); "
                    + "the default credentials sign in without the console.");
        }
        ProfileFile profiles = AwsClientFactory.profileFile();
        return new ConnectionSignIn(settings, profiles, SignInProfile.of(profiles, settings.profile()),
                AwsCacheFolders.resolve(), Clock.systemUTC());
    }

    public SignInProfile profile() {
        return profile;
    }

    /** Whether the console signs this profile in itself (SSO or an MFA role); false for every other kind. */
    public boolean needsSignIn() {
        return profile.kind() != SignInProfile.Kind.SDK;
    }

    /**
     * Whether a sign-in is cached and usable for more than a minute (an expired SSO sign-in with a refresh token
     * counts: it is refreshed on first use). Reads files only; true for a profile that needs no sign-in.
     */
    public boolean signedIn() {
        return missingSignIn().isEmpty();
    }

    /**
     * What a connection opened now would fail with for want of a sign-in: SSO_NOT_SIGNED_IN, SSO_EXPIRED or
     * MFA_REQUIRED; empty when signed in or no sign-in is needed. Reads files only.
     */
    public Optional<CredentialProblem> missingSignIn() {
        switch (profile.kind()) {
            case SSO -> {
                Optional<SsoToken> token = new SsoTokenCache(caches.ssoTokens()).load(profile.sso().cacheKey());
                if (token.isEmpty()) {
                    return Optional.of(new CredentialProblem(CredentialState.SSO_NOT_SIGNED_IN, profile.name(),
                            profile.sso().describe()));
                }
                boolean usable = !token.get().expiredAt(clock.instant().plus(MARGIN))
                        || token.get().refreshableAt(clock.instant());
                return usable ? Optional.empty() : Optional.of(new CredentialProblem(CredentialState.SSO_EXPIRED,
                        profile.name(), profile.sso().describe()));
            }
            case MFA_ROLE -> {
                boolean usable = new AssumedRoleSessionCache(caches.assumedRoleSessions()).load(profile.mfaRole())
                        .map(s -> s.usableAt(clock.instant(), MARGIN)).orElse(false);
                return usable ? Optional.empty() : Optional.of(new CredentialProblem(CredentialState.MFA_REQUIRED,
                        profile.name(), profile.mfaRole().mfaSerial()));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /**
     * Signs in: for SSO, shows the device code through {@code prompts} and waits for the approval; for an MFA role,
     * asks {@code prompts} for the code and assumes the role. Caches the result for the connection to use.
     *
     * @param cancelled asked while an SSO sign-in waits for the browser
     * @throws io.callbackconsole.aws.signin.CredentialProblem when AWS refuses, or no MFA code is given
     * @throws io.callbackconsole.aws.signin.SignInFailed      when an SSO sign-in is denied, expires or is cancelled
     * @throws InvalidInputException                            when the profile needs no sign-in, or the code is malformed
     */
    public void signIn(CredentialPrompts prompts, BooleanSupplier cancelled) throws InterruptedException {
        switch (profile.kind()) {
            case SSO -> {
                try (SsoDeviceSignIn signIn = SsoDeviceSignIn.create(profile.sso().region(), null,
                        new SsoTokenCache(caches.ssoTokens()))) {
                    signIn.signIn(profile.name(), profile.sso(), prompts, cancelled);
                }
            }
            case MFA_ROLE -> mfaSignIn().signIn(profile, prompts);
            case SDK -> throw new InvalidInputException("Profile \"" + profile.name() + "\" signs in without the "
                    + "console (keys, credential_process, web identity or a role without MFA): there is nothing to "
                    + "sign in to.");
        }
    }

    private MfaRoleSignIn mfaSignIn() {
        Region region = AwsClientFactory.resolveRegion(settings, profiles, AwsClientFactory::defaultChainRegion);
        return new MfaRoleSignIn(profiles, new AssumedRoleSessionCache(caches.assumedRoleSessions()), region,
                settings.stsEndpoint(), clock);
    }
}
