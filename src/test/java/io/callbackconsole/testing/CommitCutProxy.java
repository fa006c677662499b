package io.callbackconsole.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy on 127.0.0.1 in front of a PostgreSQL server that cuts a connection at its next COMMIT, the two ways a
 * network can: before the COMMIT reaches the server (which then rolls the transaction back), or after the server
 * answered it (the transaction is committed, and the client never learns so). Otherwise it forwards bytes both ways
 * untouched, for any number of connections. The COMMIT is recognised by its SQL text in the client's messages, so arm
 * it just before the write whose commit is to be cut. Closing it closes every connection.
 */
public final class CommitCutProxy implements AutoCloseable {

    /** Where the next COMMIT is cut. */
    public enum Cut {
        /** The COMMIT is not forwarded and the connection is closed: nothing of the transaction is kept. */
        BEFORE_THE_SERVER_HAS_IT,
        /** The COMMIT is forwarded, the server's answer awaited and dropped, then the connection closed. */
        AFTER_THE_SERVER_ANSWERED
    }

    private static final byte[] COMMIT = "COMMIT".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket listening;
    private final int targetPort;
    private final AtomicReference<Cut> armed = new AtomicReference<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile int cuts;
    private volatile boolean refusing;
    private volatile Runnable atCut = () -> { };

    private CommitCutProxy(ServerSocket listening, int targetPort) {
        this.listening = listening;
        this.targetPort = targetPort;
    }

    /** Listens on a free loopback port and forwards to the server on {@code targetPort} of 127.0.0.1. */
    public static CommitCutProxy start(int targetPort) {
        try {
            ServerSocket listening = new ServerSocket();
            listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CommitCutProxy proxy = new CommitCutProxy(listening, targetPort);
            daemon("commit-cut-proxy-accept", proxy::accept).start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return listening.getLocalPort();
    }

    /** The JDBC URL of a database on the target server, through this proxy. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /**
     * Runs {@code work} on the proxy's thread when it has the COMMIT to cut, before anything of the cut: the server
     * still holds the transaction open, and the client has not yet seen its connection close.
     */
    public void atCut(Runnable work) {
        atCut = work;
    }

    /** Cuts the next COMMIT any connection sends, once. */
    public void cutNextCommit(Cut cut) {
        armed.set(cut);
    }

    /** While true, every new connection is closed at once (the server seems down); open ones stay. */
    public void refuseConnections(boolean refuse) {
        refusing = refuse;
    }

    /** Closes every connection open through the proxy now (the server seems to have dropped them). */
    public void cutOpenConnections() {
        sockets.forEach(CommitCutProxy::closeQuietly);
        sockets.clear();
    }

    /** How many COMMITs were cut so far. */
    public int cuts() {
        return cuts;
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                if (refusing) {
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(server);
                daemon("commit-cut-proxy-up", () -> clientToServer(client, server)).start();
                daemon("commit-cut-proxy-down", () -> pump(server, client)).start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void clientToServer(Socket client, Socket server) {
        byte[] buffer = new byte[64 * 1024];
        byte[] tail = new byte[0]; // the end of the previous read, so a COMMIT split across two reads is seen
        try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                Cut cut = armed.get();
                if (cut != null && contains(tail, buffer, read) && armed.compareAndSet(cut, null)) {
                    cutAt(cut, client, server, buffer, read);
                    return;
                }
                out.write(buffer, 0, read);
                out.flush();
                int keep = Math.min(read, COMMIT.length - 1);
                tail = Arrays.copyOfRange(buffer, read - keep, read);
            }
        } catch (IOException e) {
            // A side closed: the other pump ends with it.
        } finally {
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private void cutAt(Cut cut, Socket client, Socket server, byte[] buffer, int read) throws IOException {
        cuts++;
        atCut.run();
        // The downward pump must not pass the answer on: the client's socket is closed before the server can answer.
        if (cut == Cut.AFTER_THE_SERVER_ANSWERED) {
            closeQuietly(client);
            server.getOutputStream().write(buffer, 0, read);
            server.getOutputStream().flush();
            awaitAnswer(server);
        }
        closeQuietly(client);
        closeQuietly(server);
    }

    /** Waits until the server has answered, up to 10 s: the downward pump closes both sockets when it tries to pass it on. */
    private static void awaitAnswer(Socket server) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        try {
            while (!server.isClosed() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // A side closed: the other pump ends with it.
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static boolean contains(byte[] tail, byte[] buffer, int read) {
        byte[] joined = new byte[tail.length + read];
        System.arraycopy(tail, 0, joined, 0, tail.length);
        System.arraycopy(buffer, 0, joined, tail.length, read);
        outer:
        for (int i = 0; i + COMMIT.length <= joined.length; i++) {
            for (int j = 0; j < COMMIT.length; j++) {
                if (joined[i + j] != COMMIT[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        try {
            listening.close();
        } catch (IOException e) {
            // closing anyway
        }
        sockets.forEach(CommitCutProxy::closeQuietly);
    }
}
