package io.callbackconsole.ui.connection;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.history.TeamHistoryLocation;
import io.callbackconsole.ui.common.WindowWords;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Turns what the connection dialog holds into {@link ConnectionSettings}, or says what is wrong. No JavaFX. */
public final class ConnectionForm {
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");

    private ConnectionForm() {
    }

    /** Either settings or a problem for the operator. */
    public record Result(ConnectionSettings settings, String problem) {
        public boolean valid() {
            return problem == null;
        }
    }

    /**
     * The dialog's fields as typed; any may be null or blank.
     *
     * @param teamHistoryUrl the team history's URL when the operator chose one; null for this computer's file
     */
    public record Fields(String profile, String region, String queueLines, String sqsEndpoint,
                         String sageMakerEndpoint, String stsEndpoint, String iamEndpoint, String teamHistoryUrl) {
        /** Nothing typed: what the sandbox choice reads. */
        public static final Fields NONE = new Fields(null, null, null, null, null, null, null);

        /** Journaled in this computer's file. */
        public Fields(String profile, String region, String queueLines, String sqsEndpoint, String sageMakerEndpoint,
                      String stsEndpoint, String iamEndpoint) {
            this(profile, region, queueLines, sqsEndpoint, sageMakerEndpoint, stsEndpoint, iamEndpoint, null);
        }
    }

    public static Result read(boolean sandbox, Fields fields) {
        return read(sandbox, fields, true);
    }

    /**
     * As {@link #read}, for reading pipeline definitions to find their callback queues: that needs no queue yet, so
     * the settings may have none (they are never used to poll).
     */
    public static Result readForQueueDiscovery(Fields fields) {
        return read(false, fields, false);
    }

    private static Result read(boolean sandbox, Fields fields, boolean queuesRequired) {
        if (sandbox) {
            return new Result(ConnectionSettings.sandboxToStart(), null);
        }
        String regionText = fields.region() == null ? "" : fields.region().trim();
        if (!regionText.isEmpty() && !REGION.matcher(regionText).matches()) {
            return problem(WindowWords.text("connect.problem.region", regionText));
        }
        List<String> queues = new ArrayList<>();
        for (String line : (fields.queueLines() == null ? "" : fields.queueLines()).split("\\R")) {
            String url = line.trim();
            if (url.isEmpty()) {
                continue;
            }
            if (!isHttpUrl(url)) {
                return problem(WindowWords.text("connect.problem.queueUrl", url));
            }
            if (!queues.contains(url)) {
                queues.add(url);
            }
        }
        if (queuesRequired && queues.isEmpty()) {
            return problem(WindowWords.text("connect.problem.noQueues"));
        }
        URI sqs;
        URI sageMaker;
        URI sts;
        URI iam;
        try {
            sqs = endpoint("SQS", fields.sqsEndpoint());
            sageMaker = endpoint("SageMaker", fields.sageMakerEndpoint());
            sts = endpoint("STS", fields.stsEndpoint());
            iam = endpoint("IAM", fields.iamEndpoint());
        } catch (IllegalArgumentException e) {
            return problem(e.getMessage());
        }
        String historyUrl = null;
        if (fields.teamHistoryUrl() != null) {
            historyUrl = fields.teamHistoryUrl().strip();
            if (historyUrl.isEmpty()) {
                return problem(WindowWords.text("connect.problem.noHistoryUrl"));
            }
            try {
                TeamHistoryLocation.parse(historyUrl);
            } catch (IllegalArgumentException e) {
                return problem(e.getMessage());
            }
        }
        return new Result(new ConnectionSettings(false, fields.profile(), regionText, queues, sqs, sageMaker, sts)
                .withIamEndpoint(iam).withHistoryUrl(historyUrl), null);
    }

    private static URI endpoint(String service, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        if (!isHttpUrl(text.trim())) {
            throw new IllegalArgumentException(WindowWords.text("connect.problem.endpoint", service, text.trim()));
        }
        return URI.create(text.trim());
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = URI.create(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Result problem(String text) {
        return new Result(null, text);
    }
}
