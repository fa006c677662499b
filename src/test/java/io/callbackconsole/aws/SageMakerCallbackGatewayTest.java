package io.callbackconsole.aws;

import io.callbackconsole.domain.ConnectionId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** The gateway over real HTTP against a canned AWS JSON 1.1 endpoint, with the client the factory builds. */
class SageMakerCallbackGatewayTest {
    private static final String EXECUTION_ARN =
            "arn:aws:sagemaker:us-east-2:012345678901:pipeline/callback-pipeline/execution/7pinimwddh3a";
    private static final int MAX_ATTEMPTS = 3;
    private static final CallDeadline FAST_CALLS = new CallDeadline(Duration.ofSeconds(5), MAX_ATTEMPTS,
            Duration.ofSeconds(20));
    private static final ClientTuning FAST = new ClientTuning(Duration.ofSeconds(2), FAST_CALLS, FAST_CALLS, FAST_CALLS,
            Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(20));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One canned reply. */
    private record Reply(int status, String errorType, String body, String contentType) {
        Reply(int status, String errorType, String body) {
            this(status, errorType, body, "application/x-amz-json-1.1");
        }

        static Reply page(int status, String html) {
            return new Reply(status, null, html, "text/html");
        }

        static Reply accepted() {
            return new Reply(200, null, "{\"PipelineExecutionArn\":\"" + EXECUTION_ARN + "\"}");
        }

        static Reply error(int status, String code, String message) {
            return new Reply(status, code, "{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}");
        }
    }

    /** What the endpoint saw of one request. */
    private record Seen(String target, String contentType, String authorization, JsonNode body) {
    }

    private HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private Reply fallback = Reply.accepted();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicInteger requestNumber = new AtomicInteger();
    private AwsClientFactory factory;
    private SageMakerClient client;

    @BeforeEach
    void startEndpoint() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (factory != null) {
            factory.close();
        }
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] request = exchange.getRequestBody().readAllBytes();
        seen.add(new Seen(exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Authorization"),
                JSON.readTree(request)));
        Reply reply;
        synchronized (script) {
            reply = script.isEmpty() ? fallback : script.poll();
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", reply.contentType());
        exchange.getResponseHeaders().add("x-amzn-RequestId", "req-" + requestNumber.incrementAndGet());
        if (reply.errorType() != null) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", reply.errorType());
        }
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private SageMakerCallbackGateway gatewayFor(URI endpoint) {
        factory = AwsClientFactory.create(new ConnectionSettings(true, null, "us-east-2", List.of(), null, endpoint, null),
                FAST);
        client = factory.sageMaker();
        return new SageMakerCallbackGateway(client, new AwsErrorExplainer());
    }

    private SageMakerCallbackGateway gateway() {
        return gatewayFor(URI.create("http://127.0.0.1:" + server.getAddress().getPort()));
    }

    private static Submission submission() {
        return Submission.fail(CallbackToken.of("26vcYbeWsZ"), PipelineExecutionArn.of(EXECUTION_ARN),
                FailureReason.of("Data quality check failed: 12% nulls ✋"), new Operator("alice"), ConnectionId.sandbox(),
                Instant.parse("2030-01-02T03:04:05Z"));
    }

    @Test
    void acceptedCarriesTheReturnedArnAndRequestId() {
        Submission s = submission();

        Outcome outcome = gateway().sendFailure(s);

        assertThat(outcome).isEqualTo(new Outcome.Accepted(EXECUTION_ARN, "req-1"));
        assertThat(seen).hasSize(1);
        Seen request = seen.get(0);
        assertThat(request.target()).isEqualTo("SageMaker.SendPipelineExecutionStepFailure");
        assertThat(request.contentType()).startsWith("application/x-amz-json-1.1");
        assertThat(request.authorization()).startsWith("AWS4-HMAC-SHA256").contains("/us-east-2/sagemaker/");
        assertThat(request.body().path("CallbackToken").asText()).isEqualTo("26vcYbeWsZ");
        assertThat(request.body().path("FailureReason").asText()).isEqualTo("Data quality check failed: 12% nulls ✋");
        assertThat(request.body().path("ClientRequestToken").asText()).isEqualTo(s.requestToken().value());
    }

    @Test
    void anAnswerWithoutAnArnIsUnknownAndNeverTheIntendedArn() {
        fallback = new Reply(200, null, "{}");
        Outcome outcome = gateway().sendFailure(submission());
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class, unknown -> {
            assertThat(unknown.errorCode()).isEqualTo("AnswerWithoutArn");
            assertThat(unknown.errorMessage()).contains("req-1");
            assertThat(unknown.explanation()).contains("unknown");
        });
        assertThat(seen).hasSize(1);
    }

    @Test
    void anotherExecutionsArnIsAcceptedAsReturnedAndMismatched() {
        String other = EXECUTION_ARN.replace("7pinimwddh3a", "0therexecutn");
        fallback = new Reply(200, null, "{\"PipelineExecutionArn\":\"" + other + "\"}");
        Submission s = submission();

        Outcome outcome = gateway().sendFailure(s);

        assertThat(outcome).isEqualTo(new Outcome.Accepted(other, "req-1"));
        assertThat(SageMakerCallbackGateway.mismatched(s, (Outcome.Accepted) outcome)).isTrue();
        assertThat(SageMakerCallbackGateway.mismatched(s, new Outcome.Accepted(EXECUTION_ARN, "r"))).isFalse();
    }

    @Test
    void aSubmissionWithoutAnExecutionIsNeverMismatched() {
        Submission withoutExecution = Submission.fail(CallbackToken.of("26vcYbeWsZ"), null, FailureReason.of("r"),
                new Operator("alice"), ConnectionId.sandbox(), Instant.parse("2030-01-02T03:04:05Z"));
        assertThat(SageMakerCallbackGateway.mismatched(withoutExecution, new Outcome.Accepted(EXECUTION_ARN, "r")))
                .isFalse();
    }

    @Test
    void aSuccessfulStatusWithABodyThatIsNotJsonIsUnknown() {
        fallback = Reply.page(200, "<html><body>Welcome to the corporate proxy</body></html>");
        Outcome outcome = gateway().sendFailure(submission());
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class,
                unknown -> assertThat(unknown.errorCode()).isEqualTo("UnreadableAnswer"));
    }

    @Test
    void aGatewayPageWithA4xxIsNotARefusal() {
        fallback = Reply.page(403, "<html><body>Forbidden by proxy policy</body></html>");
        Outcome outcome = gateway().sendFailure(submission());
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class, unknown -> {
            assertThat(unknown.errorCode()).isEqualTo("UnreadableAnswer");
            assertThat(unknown.errorMessage()).contains("HTTP 403");
        });
    }

    @Test
    void anUnknownAwsErrorCodeIsNotARefusal() {
        fallback = Reply.error(400, "BrandNewException", "Something new");
        Outcome outcome = gateway().sendFailure(submission());
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class,
                unknown -> assertThat(unknown.errorCode()).isEqualTo("BrandNewException"));
    }

    /** The kind decides, not the code's first letters: an unknown code is no word that the token is unknown. */
    @Test
    void anUnknownCodeThatStartsLikeResourceNotFoundStaysOpenAndIsNotCalledAnUnknownToken() {
        fallback = Reply.error(400, "ResourceNotFoundFault", "Something new");
        Outcome outcome = gateway().sendFailure(submission());
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class, unknown -> assertThat(
                unknown.explanation()).contains("does not know (ResourceNotFoundFault, HTTP 400)")
                .doesNotContain("dismiss the row"));
    }

    @Test
    void accessDeniedIsRefused() {
        fallback = Reply.error(400, "AccessDeniedException", "User is not authorized to perform: "
                + "sagemaker:SendPipelineExecutionStepFailure");
        Outcome outcome = gateway().sendFailure(submission());
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class,
                refused -> assertThat(refused.errorCode()).isEqualTo("AccessDeniedException"));
        assertThat(seen).hasSize(1);
    }

    @Test
    void resourceNotFoundIsRefusedWithoutRetrying() {
        fallback = Reply.error(400, "ResourceNotFound", "Callback token 26vcYbeWsZ not found");

        Outcome outcome = gateway().sendFailure(submission());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, refused -> {
            assertThat(refused.errorCode()).isEqualTo("ResourceNotFound");
            assertThat(refused.errorMessage()).isEqualTo("Callback token 26vcYbeWsZ not found");
            assertThat(refused.requestId()).isEqualTo("req-1");
            assertThat(refused.explanation()).contains("dismiss the row");
        });
        assertThat(seen).hasSize(1);
    }

    @Test
    void resourceNotFoundInAnyWordingMeansTheTokenIsUnknown() {
        fallback = Reply.error(400, "ResourceNotFound", "Pipeline execution step not found");

        Outcome outcome = gateway().sendFailure(submission());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class,
                refused -> assertThat(refused.explanation()).isEqualTo("SageMaker does not know this callback token:"
                        + " it was answered already, its execution ended, or it belongs to another account or region."
                        + " Check the connection, then dismiss the row."));
    }

    @Test
    void conflictIsRefused() {
        fallback = Reply.error(400, "ConflictException", "Step is already being updated");

        Outcome outcome = gateway().sendFailure(submission());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, refused -> {
            assertThat(refused.errorCode()).isEqualTo("ConflictException");
            assertThat(refused.errorMessage()).isEqualTo("Step is already being updated");
        });
    }

    @Test
    void throttlingIsRetriedWithTheSameClientRequestToken() {
        script.add(Reply.error(400, "ThrottlingException", "Rate exceeded"));
        Submission s = submission();

        Outcome outcome = gateway().sendFailure(s);

        assertThat(outcome).isEqualTo(new Outcome.Accepted(EXECUTION_ARN, "req-2"));
        assertThat(seen).hasSize(2);
        assertThat(seen).extracting(r -> r.body().path("ClientRequestToken").asText())
                .containsOnly(s.requestToken().value());
        assertThat(seen).extracting(r -> r.body().path("CallbackToken").asText()).containsOnly("26vcYbeWsZ");
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsRefused() {
        fallback = Reply.error(400, "ThrottlingException", "Rate exceeded");

        Outcome outcome = gateway().sendFailure(submission());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Refused.class, refused -> {
            assertThat(refused.errorCode()).isEqualTo("ThrottlingException");
            assertThat(refused.requestId()).isEqualTo("req-" + MAX_ATTEMPTS);
        });
        assertThat(seen).hasSize(MAX_ATTEMPTS);
    }

    @Test
    void serverErrorIsRetriedThenUnknown() {
        Submission s = submission();
        fallback = Reply.error(500, "InternalFailure", "An internal error occurred");

        Outcome outcome = gateway().sendFailure(s);

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class, unknown -> {
            assertThat(unknown.errorCode()).isEqualTo("ServerError");
            assertThat(unknown.errorMessage()).contains("InternalFailure").contains("HTTP 500")
                    .contains("req-" + MAX_ATTEMPTS);
            assertThat(unknown.explanation()).contains("after " + MAX_ATTEMPTS + " attempts").contains("unknown");
        });
        assertThat(seen).hasSize(MAX_ATTEMPTS);
        assertThat(seen).extracting(r -> r.body().path("ClientRequestToken").asText())
                .containsOnly(s.requestToken().value());
    }

    @Test
    void serverErrorThenSuccessIsAccepted() {
        script.add(Reply.error(503, "ServiceUnavailable", "Service unavailable"));
        assertThat(gateway().sendFailure(submission())).isInstanceOf(Outcome.Accepted.class);
        assertThat(seen).hasSize(2);
    }

    @Test
    void connectionClosedWithoutAnswerIsUnknown() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread acceptor = new Thread(() -> hangUpOnEveryone(silent, connections), "hang-up");
            acceptor.setDaemon(true);
            acceptor.start();

            Outcome outcome = gatewayFor(URI.create("http://127.0.0.1:" + silent.getLocalPort())).sendFailure(submission());

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class, unknown -> {
                assertThat(unknown.errorCode()).isEqualTo("ConnectionLost");
                assertThat(unknown.explanation()).contains("unknown");
            });
            assertThat(connections.get()).isEqualTo(MAX_ATTEMPTS);
        }
    }

    @Test
    void noAnswerInTimeIsUnknown() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer slow = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService handlers = Executors.newCachedThreadPool();
        slow.setExecutor(handlers);
        slow.createContext("/", exchange -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        slow.start();
        try {
            factory = AwsClientFactory.create(new ConnectionSettings(true, null, "us-east-2", List.of(), null,
                    URI.create("http://127.0.0.1:" + slow.getAddress().getPort()), null),
                    FAST.withDeadlines(new CallDeadline(Duration.ofMillis(300), 2, Duration.ofSeconds(10)), FAST_CALLS,
                            FAST_CALLS));
            client = factory.sageMaker();

            Outcome outcome = new SageMakerCallbackGateway(client, new AwsErrorExplainer()).sendFailure(submission());

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class, unknown -> {
                assertThat(unknown.errorCode()).isEqualTo("Timeout");
                assertThat(unknown.explanation()).contains("within 300 ms, 2 attempts (10 s in all)");
            });
        } finally {
            release.countDown();
            slow.stop(0);
            handlers.shutdownNow();
        }
    }

    @Test
    void unreachableEndpointIsUnknown() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        Outcome outcome = gatewayFor(URI.create("http://127.0.0.1:" + closedPort)).sendFailure(submission());
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class,
                unknown -> assertThat(unknown.errorCode()).isEqualTo("EndpointUnreachable"));
    }

    /** Reads the start of each request, then closes the connection without a byte of answer. */
    private static void hangUpOnEveryone(ServerSocket server, AtomicInteger connections) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                connections.incrementAndGet();
                InputStream in = socket.getInputStream();
                in.read(new byte[8192]);
            } catch (IOException e) {
                return;
            }
        }
    }

    @Test
    void aSignedOutSessionSendsNothingAndKeepsTheDecisionUnsettledNeverRefused() {
        // The credentials provider fails as an expired SSO sign-in does: before any request leaves this machine.
        software.amazon.awssdk.auth.credentials.AwsCredentialsProvider signedOut = () -> {
            throw new io.callbackconsole.aws.signin.CredentialProblem(
                    io.callbackconsole.aws.signin.CredentialState.SSO_EXPIRED, "ops", null);
        };
        try (SageMakerClient client = SageMakerClient.builder().region(software.amazon.awssdk.regions.Region.US_EAST_2)
                .endpointOverride(URI.create("http://127.0.0.1:9")).credentialsProvider(signedOut).build()) {
            Outcome outcome = new SageMakerCallbackGateway(client, new AwsErrorExplainer("ops"))
                    .sendFailure(submission());

            assertThat(outcome).isInstanceOfSatisfying(Outcome.Unknown.class, unknown -> {
                assertThat(unknown.explanation()).contains("Nothing was sent").contains("signed in again");
            });
        }
    }
}
