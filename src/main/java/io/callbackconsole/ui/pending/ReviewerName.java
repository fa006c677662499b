package io.callbackconsole.ui.pending;

import io.callbackconsole.domain.CallerIdentity;
import io.callbackconsole.domain.DeclaredOutput;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.OutputType;
import io.callbackconsole.ui.common.WindowWords;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The name the Approve dialog offers for an output that asks who approved (reviewer, approver, approved_by, …), and
 * where it came from. The AWS identity's own name comes first, since that is who CloudTrail records as making the
 * SendPipelineExecutionStepSuccess call: an IAM user's name, or an assumed role's session name (with IAM Identity
 * Center, the person's sign-in). An identity that names no person (the account root, a role without a session name)
 * or none at all gives the operating-system user, which the history records as the operator.
 *
 * @param source how the dialog says where the name came from
 */
record ReviewerName(String name, String source) {
    /** Output names that ask for a person: reviewer, approver, reviewed_by, approvedBy, approver-name, … */
    private static final Pattern ASKS_FOR_A_PERSON = Pattern.compile(
            "(reviewer|approver|reviewedby|approvedby|signedoffby|decidedby)(name|id)?");

    static ReviewerName of(Optional<CallerIdentity> caller, Operator operator) {
        Optional<String> aws = caller.flatMap(c -> personIn(c.arn()));
        return aws.map(n -> new ReviewerName(n, WindowWords.text("reviewer.fromAws", caller.get().arn())))
                .orElseGet(() -> new ReviewerName(operator.name(), caller.isPresent()
                        ? WindowWords.text("reviewer.fromOsUser.noPerson")
                        : WindowWords.text("reviewer.fromOsUser")));
    }

    /** True when the output is text that asks who approved; only those are pre-filled. */
    static boolean askedFor(DeclaredOutput output) {
        String normalized = output.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
        return output.type() == OutputType.STRING && ASKS_FOR_A_PERSON.matcher(normalized).matches();
    }

    /**
     * The person an ARN names: {@code …:user/path/alice} gives alice, {@code …:assumed-role/Role/alice@example.com}
     * gives alice@example.com, {@code …:federated-user/bob} gives bob; the root and other principals none.
     */
    static Optional<String> personIn(String arn) {
        int resourceAt = nthIndexOf(arn, ':', 5);
        if (resourceAt < 0) {
            return Optional.empty();
        }
        String[] parts = arn.substring(resourceAt + 1).split("/");
        String kind = parts[0];
        boolean names = switch (kind) {
            case "user", "federated-user" -> parts.length >= 2;
            case "assumed-role" -> parts.length >= 3;
            default -> false;
        };
        String person = names ? parts[parts.length - 1] : "";
        return person.isBlank() ? Optional.empty() : Optional.of(person);
    }

    private static int nthIndexOf(String text, char c, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = text.indexOf(c, at + 1);
            if (at < 0) {
                return -1;
            }
        }
        return at;
    }
}
