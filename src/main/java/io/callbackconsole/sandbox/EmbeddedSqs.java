package io.callbackconsole.sandbox;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * A real SQS server (ElasticMQ) on loopback. Queue URLs it hands out name this server, so any SQS client (the AWS SDK,
 * the AWS CLI) can use them as they are.
 */
public final class EmbeddedSqs implements AutoCloseable {
    public static final String HOST = "127.0.0.1";
    public static final String ACCOUNT_ID = "000000000000";

    private final SQSRestServer server;
    private final int port;

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Starts ElasticMQ on {@code 127.0.0.1:port}; port 0 picks a free one.
     *
     * @param region the region ElasticMQ reports in queue ARNs
     */
    public static EmbeddedSqs start(int port, String region) {
        int chosen = port == 0 ? freePort() : port;
        SQSRestServer server = SQSRestServerBuilder
                .withInterface(HOST)
                .withPort(chosen)
                // Queue URLs must name the address clients reach, not ElasticMQ's default "localhost:9324".
                .withServerAddress(new NodeAddress("http", HOST, chosen, ""))
                .withAWSAccountId(ACCOUNT_ID)
                .withAWSRegion(region)
                .start();
        server.waitUntilStarted();
        return new EmbeddedSqs(server, chosen);
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return endpoint(port);
    }

    /** The endpoint of ElasticMQ on {@code port}, known before it is up. */
    static URI endpoint(int port) {
        return URI.create("http://" + HOST + ":" + port);
    }

    /** The URL ElasticMQ gives a queue of this name. */
    public String queueUrl(String queueName) {
        return endpoint() + "/" + ACCOUNT_ID + "/" + queueName;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(HOST, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port on " + HOST + ": " + e.getMessage(), e);
        }
    }
}
