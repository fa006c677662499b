package io.callbackconsole.aws.signin;

import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Credentials could not be had, so nothing was sent: thrown by the console's credentials providers (and by sign-in)
 * in place of the SDK's own exceptions, with what is needed to say what to do.
 *
 * <p>An {@link SdkClientException}, as what a credentials provider throws is, so code that handles the SDK's failures
 * (an identity look-up that may fail, a poll) handles this one too.
 *
 * <p>The message is the operator's explanation ({@link CredentialMessages}); the SDK's message (redacted of anything
 * key-like by the explainer) is kept as {@link #sdkMessage()}. Never carries a key, a token or a code.
 */
public final class CredentialProblem extends SdkClientException {
    private final CredentialState state;
    private final String profile;
    private final String subject;
    private final String sdkMessage;

    /**
     * @param profile    the profile concerned; null for the default chain
     * @param subject    what the state is about: the role ARN (ROLE_NOT_ASSUMABLE), the MFA device (MFA_*), the sources
     *                   tried (NO_CREDENTIALS); null when there is nothing more to name
     * @param sdkMessage what the SDK or AWS said, if anything
     */
    public CredentialProblem(CredentialState state, String profile, String subject, String sdkMessage, Throwable cause) {
        super(SdkClientException.builder().message(state.name()).cause(cause));
        this.state = Objects.requireNonNull(state, "state");
        this.profile = profile;
        this.subject = subject;
        this.sdkMessage = sdkMessage;
    }

    public CredentialProblem(CredentialState state, String profile, String subject) {
        this(state, profile, subject, null, null);
    }

    public CredentialState state() {
        return state;
    }

    public String profile() {
        return profile;
    }

    public String subject() {
        return subject;
    }

    public String sdkMessage() {
        return sdkMessage;
    }

    /** What happened and what to do, in the words the window and the command line show. */
    @Override
    public String getMessage() {
        return CredentialMessages.explain(this);
    }
}
