package io.callbackconsole.aws;

import java.text.MessageFormat;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * The operator's words for each {@link FaultKind}, from {@code io/callbackconsole/aws/faults.properties}: a
 * translation is a file beside it ({@code faults_de.properties}). Arguments are formatted as MessageFormat does;
 * figures come as text, so that "HTTP 503" never reads "HTTP 5,03".
 */
public final class FaultWords {
    public static final String BUNDLE = "io.callbackconsole.aws.faults";

    /** Kinds whose outcome stays open: a read is told of them without what a decision would need. */
    private static final Set<FaultKind> WORDED_FOR_READS = EnumSet.of(FaultKind.SERVER_ERROR,
            FaultKind.NO_AWS_ERROR_CODE, FaultKind.UNKNOWN_ERROR_CODE, FaultKind.TIMEOUT, FaultKind.UNREADABLE_ANSWER,
            FaultKind.CONNECTION_LOST, FaultKind.INTERRUPTED, FaultKind.CLIENT_ERROR);

    /** Kinds after which only the same request settles a decision; the interrupted and the local say less. */
    private static final Set<FaultKind> SETTLED_BY_THE_SAME_REQUEST = EnumSet.of(FaultKind.SERVER_ERROR,
            FaultKind.NO_AWS_ERROR_CODE, FaultKind.UNKNOWN_ERROR_CODE, FaultKind.TIMEOUT, FaultKind.UNREADABLE_ANSWER,
            FaultKind.CONNECTION_LOST, FaultKind.ANSWER_WITHOUT_ARN);

    private final ResourceBundle bundle;

    /** The words of the default locale (English when there is no translation for it). */
    public FaultWords() {
        this(Locale.getDefault());
    }

    public FaultWords(Locale locale) {
        this(ResourceBundle.getBundle(BUNDLE, locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
    }

    FaultWords(ResourceBundle bundle) {
        this.bundle = Objects.requireNonNull(bundle, "bundle");
    }

    /** What a failure of this kind means for a call that may have changed something (a decision). */
    String forAWrite(FaultKind kind, Object... args) {
        String text = format(kind.key(), args);
        return SETTLED_BY_THE_SAME_REQUEST.contains(kind) ? text + format("part.settledBySameRequest") : text;
    }

    /** What a failure of this kind means for a call that only reads (a poll, a look-up). */
    String forARead(FaultKind kind, Object... args) {
        return format(WORDED_FOR_READS.contains(kind) ? kind.key() + ".read" : kind.key(), args);
    }

    /** A part of a sentence, or a service message the console words itself ("part.…", "message.…"). */
    String format(String key, Object... args) {
        Object[] shown = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            // Counts stay numbers (part.attempts chooses "1 attempt" or "3 attempts"); the rest is shown as it is.
            shown[i] = args[i] instanceof Integer ? args[i] : String.valueOf(args[i]);
        }
        return new MessageFormat(bundle.getString(key), bundle.getLocale()).format(shown);
    }
}
