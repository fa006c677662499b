package io.callbackconsole.sandbox;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDK's HTTP server on loopback, as the simulators serve: one handler for every path, daemon threads. */
final class LoopbackHttp implements AutoCloseable {
    private static final String HOST = "127.0.0.1";

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackHttp(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Listens on {@code 127.0.0.1:port} (0 for a free port) and answers every request with {@code handler}, on
     * {@code threads} daemon threads named after {@code threadName}.
     */
    static LoopbackHttp serve(int port, int threads, String threadName, HttpHandler handler) {
        answerWithoutDelay();
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(HOST, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on " + HOST + ":" + port + ": " + e.getMessage(), e);
        }
        AtomicInteger started = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, threads == 1 ? threadName : threadName + "-" + started.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        return new LoopbackHttp(server, executor);
    }

    URI endpoint() {
        return URI.create("http://" + HOST + ":" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * Sends answers at once: without TCP_NODELAY, Nagle's algorithm meets the client's delayed ACK and every call on
     * loopback waits about 40 ms. The JDK server reads this once, when it is first used, so it is set before then.
     */
    private static void answerWithoutDelay() {
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }
}
