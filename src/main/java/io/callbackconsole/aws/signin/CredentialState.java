package io.callbackconsole.aws.signin;

/**
 * Why a connection has no usable credentials. Each state means the request never left this machine: nothing was sent,
 * so nothing can have taken effect. The front ends word each one (see {@code AwsErrorExplainer}).
 */
public enum CredentialState {
    /** No source of the chain (or the named profile) holds credentials. */
    NO_CREDENTIALS,
    /** An SSO profile without a cached sign-in. */
    SSO_NOT_SIGNED_IN,
    /** An SSO profile whose sign-in has expired or was revoked, and cannot be refreshed. */
    SSO_EXPIRED,
    /** An assume-role profile with {@code mfa_serial} and no valid session: a code from the device is needed. */
    MFA_REQUIRED,
    /** AWS refused the MFA code (wrong, or already used). */
    MFA_CODE_REFUSED,
    /** AssumeRole was refused: the source identity may not assume the role, or the role does not exist. */
    ROLE_NOT_ASSUMABLE,
    /** AWS refused the signature as too old or too new: this computer's clock is off. */
    CLOCK_SKEW,
    /** Neither the connection, the profile nor the environment names a region. */
    REGION_MISSING
}
