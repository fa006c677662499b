package io.callbackconsole.aws.signin;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * What each credential state means and what to do, in one place: the window and the command line both show these
 * (through {@code AwsErrorExplainer} and {@link CredentialProblem#getMessage()}). Each says that nothing was sent. The
 * sentences are in {@code io/callbackconsole/aws/signin/credentials.properties}: a translation is a file beside it,
 * and what it leaves out is said in English.
 */
public final class CredentialMessages {
    public static final String BUNDLE = "io.callbackconsole.aws.signin.credentials";

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

    /** The problem's sentence in the default locale's words. */
    public static String explain(CredentialProblem problem) {
        return explain(problem, words(Locale.getDefault()));
    }

    /** The problem's sentence in {@code words} (a bundle of {@link #BUNDLE}). */
    static String explain(CredentialProblem problem, ResourceBundle words) {
        String profile = problem.profile();
        // A blank subject says nothing: left out, as a missing one is.
        String subject = problem.subject() == null || problem.subject().isBlank() ? null : problem.subject();
        String named = profile == null ? text(words, "named.default") : text(words, "named.profile", profile);
        String namedFirst = profile == null ? text(words, "named.default.start")
                : text(words, "named.profile.start", profile);
        String login = text(words, "login", profile == null ? text(words, "login.anyProfile") : profile);
        String key = "state." + problem.state().name();
        return switch (problem.state()) {
            case NO_CREDENTIALS -> text(words, key, named,
                    profile == null ? "" : text(words, "part.forNamed", named),
                    subject == null ? "" : text(words, "part.tried", subject));
            case SSO_NOT_SIGNED_IN -> text(words, key, named,
                    subject == null ? "" : text(words, "part.inParentheses", subject), login);
            case SSO_EXPIRED -> text(words, key, named, "", login);
            case MFA_REQUIRED -> text(words, key, namedFirst,
                    subject == null ? "" : text(words, "part.device", subject));
            case MFA_CODE_REFUSED -> text(words, key, named,
                    subject == null ? "" : text(words, "part.device", subject));
            case ROLE_NOT_ASSUMABLE -> text(words, key, namedFirst,
                    subject == null ? text(words, "part.itsRole") : subject);
            case CLOCK_SKEW -> text(words, key, named);
            case REGION_MISSING -> text(words, key, named, profile == null
                    ? text(words, "part.defaultProfileSection") : text(words, "part.profileSection", profile));
        };
    }

    static ResourceBundle words(Locale locale) {
        return ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** The entry {@code key} with its arguments, each shown as the text it is. */
    private static String text(ResourceBundle words, String key, Object... args) {
        return new MessageFormat(words.getString(key), words.getLocale()).format(args);
    }
}
