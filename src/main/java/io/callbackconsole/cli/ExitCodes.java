package io.callbackconsole.cli;

import io.callbackconsole.domain.Outcome;
import io.callbackconsole.triage.SubmissionResult;
import java.util.Set;

/** The command line's exit codes, as documented in {@code --help} and the README. */
public final class ExitCodes {
    public static final int OK = 0;
    /** AWS answered and refused the call. */
    public static final int AWS_REFUSED = 1;
    /** Bad input: usage, token, reason; nothing was sent or journaled. */
    public static final int BAD_INPUT = 2;
    /** AWS could not be reached, or credentials are missing or expired; the outcome may be unknown. */
    public static final int AWS_UNREACHABLE = 3;
    /** The audit check found a broken history. */
    public static final int AUDIT_FAILED = 4;
    /**
     * The local history cannot be read or written: nothing was sent, or SageMaker's answer could not be recorded
     * (the decision stays unsettled; {@code recover} records it).
     */
    public static final int HISTORY_UNAVAILABLE = 5;
    /** SageMaker applied the decision to another execution than the token's message named; the message is kept. */
    public static final int OTHER_EXECUTION = 6;
    /** {@code history migrate --check}: the history's schema is behind; migrations are pending (nothing changed). */
    public static final int MIGRATIONS_PENDING = 7;

    /** Error codes that mean the call never got a service's answer, or could not be made at all. */
    private static final Set<String> UNREACHABLE_CODES = Set.of("EndpointUnreachable", "Timeout", "ConnectionLost",
            "SecureConnectionFailed", "CredentialsMissing", "CredentialsExpired", "RegionMissing",
            "SignInRequired", "MfaRequired", "MfaCodeRefused", "RoleNotAssumable", "ClockSkew",
            "ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId", "UnrecognizedClientException");

    private ExitCodes() {
    }

    public static int of(SubmissionResult result) {
        return switch (result.status()) {
            case ACCEPTED -> OK;
            case ACCEPTED_OTHER_EXECUTION -> OTHER_EXECUTION;
            case NOT_SENT -> BAD_INPUT;
            case NOT_JOURNALED, ANSWERED_NOT_RECORDED -> HISTORY_UNAVAILABLE;
            case UNKNOWN -> AWS_UNREACHABLE;
            case REFUSED -> UNREACHABLE_CODES.contains(((Outcome.Refused) result.outcome()).errorCode())
                    ? AWS_UNREACHABLE : AWS_REFUSED;
        };
    }

    public static int ofErrorCode(String code) {
        return UNREACHABLE_CODES.contains(code) ? AWS_UNREACHABLE : AWS_REFUSED;
    }
}
