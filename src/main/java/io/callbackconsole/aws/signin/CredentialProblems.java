package io.callbackconsole.aws.signin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * Recognises, in what the SDK's credentials providers throw, the credential states the console words: no credentials
 * in the chain or the profile, an assume-role refused, a clock the signature check refused. Anything else is left as
 * it is (a network failure while fetching credentials is a network failure).
 */
public final class CredentialProblems {
    /** The SDK's name of each source of the default chain, and how an operator knows it. */
    private static final Map<String, String> CHAIN_SOURCES = new LinkedHashMap<>();

    static {
        CHAIN_SOURCES.put("SystemPropertyCredentialsProvider", "Java system properties (aws.accessKeyId)");
        CHAIN_SOURCES.put("EnvironmentVariableCredentialsProvider", "environment variables (AWS_ACCESS_KEY_ID)");
        CHAIN_SOURCES.put("WebIdentityTokenCredentialsProvider", "a web identity token (AWS_WEB_IDENTITY_TOKEN_FILE)");
        CHAIN_SOURCES.put("ProfileCredentialsProvider", "the default profile (~/.aws/config, ~/.aws/credentials)");
        CHAIN_SOURCES.put("ContainerCredentialsProvider", "container credentials (ECS, EKS)");
        CHAIN_SOURCES.put("InstanceProfileCredentialsProvider", "the EC2 instance profile");
    }

    private static final Pattern CHAIN_MEMBER = Pattern.compile("([A-Za-z]+CredentialsProvider)\\(");
    private static final Set<String> CLOCK_SKEW = Set.of("RequestExpired", "RequestTimeTooSkewed", "RequestInTheFuture");
    private static final Set<String> ACCESS_DENIED = Set.of("AccessDenied", "AccessDeniedException");

    private CredentialProblems() {
    }

    /** The CredentialProblem in the cause chain, if any. */
    public static Optional<CredentialProblem> find(Throwable failure) {
        return Optional.ofNullable(findOfType(failure, CredentialProblem.class));
    }

    /** The first throwable of {@code type} in the cause chain, or null. */
    public static <T extends Throwable> T findOfType(Throwable failure, Class<T> type) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * The credential state a credentials provider's failure means, or empty when it means none of them.
     *
     * @param profile the connection's profile; null for the default chain
     * @param roleArn the role the profile assumes, named when AssumeRole is refused; null when it assumes none
     */
    public static Optional<CredentialProblem> classify(RuntimeException failure, String profile, String roleArn) {
        Optional<CredentialProblem> known = find(failure);
        if (known.isPresent()) {
            return known;
        }
        StsException sts = findOfType(failure, StsException.class);
        if (sts != null) {
            String code = code(sts);
            String message = sts.awsErrorDetails() == null ? sts.getMessage() : sts.awsErrorDetails().errorMessage();
            if (CLOCK_SKEW.contains(code) || (message != null && message.contains("Signature expired"))) {
                return Optional.of(new CredentialProblem(CredentialState.CLOCK_SKEW, profile, null, message, failure));
            }
            if (ACCESS_DENIED.contains(code)) {
                return Optional.of(new CredentialProblem(CredentialState.ROLE_NOT_ASSUMABLE, profile, roleArn, message,
                        failure));
            }
            return Optional.empty();
        }
        String text = allMessages(failure);
        if (text.contains("Unable to load credentials from any of the providers in the chain")) {
            return Optional.of(new CredentialProblem(CredentialState.NO_CREDENTIALS, profile,
                    String.join(", ", sourcesTried(text)), text.strip(), failure));
        }
        if (text.contains("Profile file contained no credentials for profile")) {
            return Optional.of(new CredentialProblem(CredentialState.NO_CREDENTIALS, profile,
                    "profile \"" + profile + "\" (it has no keys, role, SSO settings or credential_process)",
                    text.strip(), failure));
        }
        return Optional.empty();
    }

    /** The sources the default chain says it tried, in its order, in operator words. */
    static List<String> sourcesTried(String chainMessage) {
        int end = chainMessage.indexOf(" : [");
        Matcher member = CHAIN_MEMBER.matcher(end < 0 ? chainMessage : chainMessage.substring(0, end));
        List<String> sources = new ArrayList<>();
        while (member.find()) {
            String source = CHAIN_SOURCES.getOrDefault(member.group(1), member.group(1));
            if (!sources.contains(source)) {
                sources.add(source);
            }
        }
        return sources;
    }

    private static String code(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? ""
                : e.awsErrorDetails().errorCode();
    }

    private static String allMessages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t.getMessage() != null) {
                text.append(t.getMessage()).append('\n');
            }
        }
        return text.toString();
    }
}
