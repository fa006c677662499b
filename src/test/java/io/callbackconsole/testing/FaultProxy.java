package io.callbackconsole.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A misbehaving HTTP proxy on 127.0.0.1 for tests: it forwards AWS JSON requests to a real endpoint (the sandbox's
 * SageMaker simulator, ElasticMQ, the STS simulator) and, per request, spoils the answer the way networks and
 * gateways do. Point an SDK client at {@link #endpoint()} with an endpoint override.
 *
 * <p>Each request takes the next fault queued with {@link #next}, else the standing one set with {@link #always}
 * (pass-through to begin with). Thread-safe. Closing it releases every hanging request.
 */
public final class FaultProxy implements AutoCloseable {

    /** What happens to one request. "Applied" faults forward it first, so the target carries it out. */
    public enum Fault {
        /** Forward and answer with what the target answered. */
        PASS_THROUGH,
        /** Forward, then answer HTTP 504 with a gateway's HTML page instead of the target's answer. */
        APPLY_THEN_GATEWAY_TIMEOUT,
        /** Do not forward; answer HTTP 200 with the JSON body {@code {}}. */
        EMPTY_SUCCESS,
        /** Forward, then answer with the target's answer in which every execution ARN names another execution. */
        APPLY_THEN_OTHER_EXECUTION,
        /** Forward, then answer with the first half of the target's body, its length saying so (a cut-short JSON). */
        APPLY_THEN_TRUNCATE,
        /** Forward, then announce the target's full body, send half of it and close the connection. */
        APPLY_THEN_CUT,
        /** Do not forward and never answer: the request waits until the client gives up or the proxy closes. */
        HANG,
        /** Forward, then answer with the target's answer {@link #lateBy} later (a slow network, an answer in flight). */
        APPLY_THEN_LATE
    }

    /** One request as the proxy handled it. */
    public record Handled(String target, Fault fault, int forwardedStatus) {
    }

    private static final Pattern EXECUTION_ARN = Pattern.compile(
            "arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:[0-9]{12}:pipeline/[^\"/]+/execution/[^\"/]+");
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "content-length", "transfer-encoding", "host",
            "keep-alive", "date");
    private static final String GATEWAY_TIMEOUT_PAGE = "<html><head><title>504 Gateway Time-out</title></head>"
            + "<body><center><h1>504 Gateway Time-out</h1></center><hr><center>proxy</center></body></html>";

    private final URI target;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Deque<Fault> queued = new ArrayDeque<>();
    private final List<Handled> handled = new CopyOnWriteArrayList<>();
    private final Map<String, Fault> byOperation = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile Fault standing = Fault.PASS_THROUGH;
    private volatile String otherExecutionArn;
    private volatile java.time.Duration lateBy = java.time.Duration.ofSeconds(1);

    private FaultProxy(URI target, HttpServer server, ExecutorService handlers) {
        this.target = target;
        this.server = server;
        this.handlers = handlers;
    }

    /** Listens on a free loopback port and forwards to {@code target} (scheme, host and port; the path is kept). */
    public static FaultProxy start(URI target) {
        Objects.requireNonNull(target, "target");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Hanging requests hold their thread, so the pool grows rather than starving the others.
        ExecutorService handlers = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "fault-proxy");
            thread.setDaemon(true);
            return thread;
        });
        FaultProxy proxy = new FaultProxy(target, server, handlers);
        server.createContext("/", proxy::handle);
        server.setExecutor(handlers);
        server.start();
        return proxy;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The fault of every request that has no queued one. */
    public FaultProxy always(Fault fault) {
        standing = Objects.requireNonNull(fault, "fault");
        return this;
    }

    /**
     * The fault of every request to one operation, named as in its {@code X-Amz-Target} after the dot
     * ({@code GetQueueAttributes}); it wins over the standing and the queued faults.
     */
    public FaultProxy always(String operation, Fault fault) {
        byOperation.put(Objects.requireNonNull(operation, "operation"), Objects.requireNonNull(fault, "fault"));
        return this;
    }

    /** Faults for the next requests, one each, in order, before the standing one applies again. */
    public FaultProxy next(Fault... faults) {
        synchronized (queued) {
            queued.addAll(List.of(faults));
        }
        return this;
    }

    /** How long {@link Fault#APPLY_THEN_LATE} holds the target's answer back. */
    public FaultProxy lateBy(java.time.Duration delay) {
        this.lateBy = delay;
        return this;
    }

    /** The ARN {@link Fault#APPLY_THEN_OTHER_EXECUTION} puts in the answer. */
    public FaultProxy otherExecutionArn(String arn) {
        otherExecutionArn = Objects.requireNonNull(arn, "arn");
        return this;
    }

    /** Every request handled so far, oldest first (a hanging one once it arrived). */
    public List<Handled> handled() {
        return List.copyOf(handled);
    }

    private Fault nextFault(String target) {
        if (target != null && target.contains(".")) {
            Fault forOperation = byOperation.get(target.substring(target.lastIndexOf('.') + 1));
            if (forOperation != null) {
                return forOperation;
            }
        }
        synchronized (queued) {
            return queued.isEmpty() ? standing : queued.poll();
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] request = exchange.getRequestBody().readAllBytes();
            String operation = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            Fault fault = nextFault(operation);
            switch (fault) {
                case HANG -> {
                    handled.add(new Handled(operation, fault, 0));
                    hang();
                    // Never answered: closing drops the connection without a byte.
                    return;
                }
                case EMPTY_SUCCESS -> {
                    handled.add(new Handled(operation, fault, 0));
                    reply(exchange, 200, Map.of("Content-Type", List.of("application/x-amz-json-1.1")),
                            "{}".getBytes(StandardCharsets.UTF_8));
                    return;
                }
                default -> {
                }
            }
            Forwarded answer = forward(exchange, request);
            handled.add(new Handled(operation, fault, answer.status()));
            switch (fault) {
                case PASS_THROUGH -> reply(exchange, answer.status(), answer.headers(), answer.body());
                case APPLY_THEN_LATE -> {
                    try {
                        Thread.sleep(lateBy.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    reply(exchange, answer.status(), answer.headers(), answer.body());
                }
                case APPLY_THEN_GATEWAY_TIMEOUT -> reply(exchange, 504,
                        Map.of("Content-Type", List.of("text/html")), GATEWAY_TIMEOUT_PAGE.getBytes(StandardCharsets.UTF_8));
                case APPLY_THEN_OTHER_EXECUTION -> {
                    String other = Objects.requireNonNull(otherExecutionArn, "set otherExecutionArn first");
                    String body = new String(answer.body(), StandardCharsets.UTF_8);
                    reply(exchange, answer.status(), answer.headers(), EXECUTION_ARN.matcher(body)
                            .replaceAll(Matcher.quoteReplacement(other)).getBytes(StandardCharsets.UTF_8));
                }
                case APPLY_THEN_TRUNCATE -> {
                    byte[] half = java.util.Arrays.copyOf(answer.body(), answer.body().length / 2);
                    reply(exchange, answer.status(), answer.headers(), half);
                }
                case APPLY_THEN_CUT -> {
                    copyHeaders(answer.headers(), exchange.getResponseHeaders());
                    exchange.sendResponseHeaders(answer.status(), answer.body().length);
                    OutputStream out = exchange.getResponseBody();
                    out.write(answer.body(), 0, answer.body().length / 2);
                    out.flush();
                    // Closing a fixed-length body early makes the JDK server drop the connection mid-answer.
                }
                default -> throw new IllegalStateException("unhandled fault " + fault);
            }
        } catch (IOException e) {
            // The client gave up (a time-out) or the cut was made on purpose: nothing to answer any more.
        }
    }

    private void hang() {
        try {
            closing.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Forwarded(int status, Map<String, List<String>> headers, byte[] body) {
    }

    private Forwarded forward(HttpExchange exchange, byte[] request) throws IOException {
        URI uri = target.resolve(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        try {
            connection.setRequestMethod(exchange.getRequestMethod());
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(30_000);
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    values.forEach(v -> connection.addRequestProperty(name, v));
                }
            });
            if (request.length > 0 || "POST".equals(exchange.getRequestMethod())) {
                connection.setDoOutput(true);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(request);
                }
            }
            int status = connection.getResponseCode();
            byte[] body;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                body = in == null ? new byte[0] : in.readAllBytes();
            }
            Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
            connection.getHeaderFields().forEach((name, values) -> {
                if (name != null && !HOP_BY_HOP.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                    headers.put(name, values);
                }
            });
            return new Forwarded(status, headers, body);
        } finally {
            connection.disconnect();
        }
    }

    private static void reply(HttpExchange exchange, int status, Map<String, List<String>> headers, byte[] body)
            throws IOException {
        copyHeaders(headers, exchange.getResponseHeaders());
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static void copyHeaders(Map<String, List<String>> from, Headers to) {
        from.forEach((name, values) -> to.put(name, values));
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
