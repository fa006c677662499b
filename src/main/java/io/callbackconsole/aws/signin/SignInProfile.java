package io.callbackconsole.aws.signin;

import io.callbackconsole.domain.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.profiles.Profile;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileProperty;

/**
 * How a profile of ~/.aws/config signs in, as far as the console signs it in itself: an IAM Identity Center (SSO)
 * profile, an assume-role profile guarded by MFA, or anything else (static keys, {@code credential_process},
 * {@code web_identity_token_file}, assume-role without MFA), which the SDK's own profile provider resolves.
 */
public record SignInProfile(String name, Kind kind, Sso sso, MfaRole mfaRole) {
    public enum Kind { SSO, MFA_ROLE, SDK }

    /**
     * An SSO profile: with an {@code sso_session} (its section holds start URL, region and scopes) or legacy, with
     * {@code sso_start_url} and {@code sso_region} in the profile itself.
     *
     * @param sessionName the {@code sso_session} name; null for a legacy profile
     */
    public record Sso(String sessionName, String startUrl, String region, String accountId, String roleName,
                      List<String> scopes) {
        /** What the AWS CLI hashes to name the token cache file: the session name, else the start URL. */
        public String cacheKey() {
            return sessionName != null ? sessionName : startUrl;
        }

        /** How the window and the CLI name the sign-in: the session, else the start URL. */
        public String describe() {
            return sessionName != null ? "SSO session " + sessionName : startUrl;
        }
    }

    /** An assume-role profile with {@code mfa_serial}: AssumeRole needs a code from that device. */
    public record MfaRole(String roleArn, String sourceProfile, String mfaSerial, String externalId,
                          String roleSessionName, Integer durationSeconds) {
    }

    /**
     * @throws InvalidInputException when the profile does not exist, or is an SSO or MFA profile missing a property
     *                               (the message names it)
     */
    public static SignInProfile of(ProfileFile files, String name) {
        Profile profile = files.profile(name).orElseThrow(() -> new InvalidInputException(
                "There is no AWS profile named \"" + name + "\" in ~/.aws/config or ~/.aws/credentials."));
        Optional<String> session = property(profile, "sso_session");
        if (session.isPresent()) {
            Profile section = files.getSection("sso-session", session.get()).orElseThrow(() ->
                    new InvalidInputException("Profile \"" + name + "\" names sso_session " + session.get()
                            + ", but ~/.aws/config has no [sso-session " + session.get() + "] section."));
            String scopes = property(section, "sso_registration_scopes").orElse("sso:account:access");
            return new SignInProfile(name, Kind.SSO, new Sso(session.get(),
                    required(section, ProfileProperty.SSO_START_URL, "[sso-session " + session.get() + "]"),
                    required(section, ProfileProperty.SSO_REGION, "[sso-session " + session.get() + "]"),
                    required(profile, ProfileProperty.SSO_ACCOUNT_ID, profileLabel(name)),
                    required(profile, ProfileProperty.SSO_ROLE_NAME, profileLabel(name)),
                    Arrays.stream(scopes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()), null);
        }
        if (property(profile, ProfileProperty.SSO_START_URL).isPresent()) {
            return new SignInProfile(name, Kind.SSO, new Sso(null,
                    required(profile, ProfileProperty.SSO_START_URL, profileLabel(name)),
                    required(profile, ProfileProperty.SSO_REGION, profileLabel(name)),
                    required(profile, ProfileProperty.SSO_ACCOUNT_ID, profileLabel(name)),
                    required(profile, ProfileProperty.SSO_ROLE_NAME, profileLabel(name)), List.of()), null);
        }
        Optional<String> roleArn = property(profile, ProfileProperty.ROLE_ARN);
        Optional<String> serial = property(profile, ProfileProperty.MFA_SERIAL);
        if (roleArn.isPresent() && serial.isPresent()) {
            String source = property(profile, ProfileProperty.SOURCE_PROFILE).orElseThrow(() ->
                    new InvalidInputException("Profile \"" + name + "\" assumes " + roleArn.get() + " with MFA but "
                            + "names no source_profile; the console assumes MFA roles from a source_profile only."));
            Integer duration = null;
            Optional<String> durationText = property(profile, ProfileProperty.DURATION_SECONDS);
            if (durationText.isPresent()) {
                try {
                    duration = Integer.valueOf(durationText.get());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("Profile \"" + name + "\" has duration_seconds = "
                            + durationText.get() + ", which is not a number of seconds.");
                }
            }
            return new SignInProfile(name, Kind.MFA_ROLE, null, new MfaRole(roleArn.get(), source, serial.get(),
                    property(profile, ProfileProperty.EXTERNAL_ID).orElse(null),
                    property(profile, ProfileProperty.ROLE_SESSION_NAME).orElse(null), duration));
        }
        return new SignInProfile(name, Kind.SDK, null, null);
    }

    /** The role the profile assumes (with or without MFA), for messages; empty when it assumes none. */
    public static Optional<String> roleArnOf(ProfileFile files, String name) {
        return files.profile(name).flatMap(p -> property(p, ProfileProperty.ROLE_ARN));
    }

    private static String profileLabel(String name) {
        return "profile \"" + name + "\"";
    }

    private static Optional<String> property(Profile profile, String key) {
        return profile.property(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static String required(Profile profile, String key, String where) {
        return property(profile, key).orElseThrow(() -> new InvalidInputException(
                where + " in ~/.aws/config has no " + key + "; add it (aws configure sso writes it)."));
    }
}
