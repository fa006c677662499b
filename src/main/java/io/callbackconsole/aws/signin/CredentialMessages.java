package io.callbackconsole.aws.signin;

/**
 * What each credential state means and what to do, in one place: the window and the command line both show these
 * (through {@code AwsErrorExplainer} and {@link CredentialProblem#getMessage()}). Each says that nothing was sent.
 */
public final class CredentialMessages {
    private CredentialMessages() {
    }

    /** The stable code of a state, as {@code OperatorError.code()} and the history carry it. */
    public static String code(CredentialState state) {
        return switch (state) {
            case NO_CREDENTIALS -> "CredentialsMissing";
            case SSO_NOT_SIGNED_IN -> "SignInRequired";
            case SSO_EXPIRED -> "CredentialsExpired";
            case MFA_REQUIRED -> "MfaRequired";
            case MFA_CODE_REFUSED -> "MfaCodeRefused";
            case ROLE_NOT_ASSUMABLE -> "RoleNotAssumable";
            case CLOCK_SKEW -> "ClockSkew";
            case REGION_MISSING -> "RegionMissing";
        };
    }

    public static String explain(CredentialProblem problem) {
        String profile = problem.profile();
        String named = profile == null ? "the default credentials" : "profile \"" + profile + "\"";
        String subject = problem.subject();
        String login = "run `callback-console login --profile " + (profile == null ? "<profile>" : profile)
                + "` (or `aws sso login`), or sign in from the window";
        return switch (problem.state()) {
            case NO_CREDENTIALS -> "No AWS credentials were found" + (profile == null ? "" : " for " + named)
                    + ", so nothing was sent." + (subject == null || subject.isBlank() ? "" : " Tried: " + subject + ".")
                    + " Choose a profile in Connect… (or --profile), or set one up with aws configure (or aws "
                    + "configure sso).";
            case SSO_NOT_SIGNED_IN -> "Not signed in to AWS SSO for " + named
                    + (subject == null ? "" : " (" + subject + ")") + ", so nothing was sent. To sign in, " + login
                    + ".";
            case SSO_EXPIRED -> "The AWS SSO sign-in of " + named + " has expired, so nothing was sent. To sign in "
                    + "again, " + login + ".";
            case MFA_REQUIRED -> capitalised(named) + " assumes its role with MFA" + (subject == null ? ""
                    : " (device " + subject + ")") + " and has no valid session, so nothing was sent. Give the 6-digit "
                    + "code from the device: --mfa-code NNNNNN on the command line, or sign in from the window.";
            case MFA_CODE_REFUSED -> "AWS refused the MFA code for " + named + (subject == null ? ""
                    : " (device " + subject + ")") + ": it is wrong, or was used already. Nothing was sent. Wait "
                    + "for the device's next code and sign in again.";
            case ROLE_NOT_ASSUMABLE -> capitalised(named) + " cannot assume " + (subject == null ? "its role"
                    : subject) + ": AWS refused AssumeRole, so nothing was sent. Check role_arn, or ask your AWS "
                    + "administrator to allow sts:AssumeRole on it for the source identity (in its policy and the "
                    + "role's trust policy).";
            case CLOCK_SKEW -> "AWS refused to sign in " + named + " because this computer's clock is off, so "
                    + "nothing was sent. Set the clock to synchronise automatically, then try again.";
            case REGION_MISSING -> "No AWS region is set for " + named + ", so nothing was sent. Choose a region in "
                    + "Connect… (or --region), add \"region = ...\" to " + (profile == null ? "the default profile"
                    : "[profile " + profile + "]") + " in ~/.aws/config, or set AWS_REGION.";
        };
    }

    private static String capitalised(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
