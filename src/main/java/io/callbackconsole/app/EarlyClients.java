package io.callbackconsole.app;

import io.callbackconsole.aws.AwsClientFactory;
import io.callbackconsole.aws.ConnectionSettings;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AWS clients of the connection a launch starts with, made on a thread of their own while JavaFX starts and the
 * window draws its first frame ({@link AwsClientFactory#prepareClients}), for the session that opens that connection
 * to take. Taken at most once; closed when nothing takes them. A start that fails is not reported here: the session
 * makes its clients itself and reports what goes wrong then, as it would without this.
 */
final class EarlyClients {
    private static final Logger log = LoggerFactory.getLogger(EarlyClients.class);

    private final ConnectionSettings settings;
    private final CompletableFuture<AwsClientFactory> made;
    private volatile boolean taken;

    private EarlyClients(ConnectionSettings settings, CompletableFuture<AwsClientFactory> made) {
        this.settings = settings;
        this.made = made;
    }

    /** Starts making the clients of {@code settings} on a daemon thread and returns at once. */
    static EarlyClients start(ConnectionSettings settings) {
        EarlyClients clients = toMake(settings);
        Thread thread = new Thread(clients::make, "aws-clients-early");
        // The process ends with System.exit whether or not a session took them.
        thread.setDaemon(true);
        thread.start();
        return clients;
    }

    /** Clients not made yet: whoever holds them calls {@link #make} on a thread of its own (the early sandbox's). */
    static EarlyClients toMake(ConnectionSettings settings) {
        return new EarlyClients(settings, new CompletableFuture<>());
    }

    /** Blocking: makes them on the calling thread. */
    void make() {
        long started = System.nanoTime();
        AwsClientFactory clients = null;
        try {
            clients = AwsClientFactory.create(settings);
            clients.prepareClients();
            log.debug("AWS clients of {} made ahead in {} ms", settings.label(),
                    (System.nanoTime() - started) / 1_000_000);
            made.complete(clients);
        } catch (RuntimeException | Error e) {
            if (clients != null) {
                clients.close();
            }
            made.completeExceptionally(e);
        }
    }

    /**
     * Blocking until they are made: the clients, when they are for {@code connection}; else null (they are closed),
     * and null when making them failed (the caller makes them again and meets the failure itself).
     */
    AwsClientFactory takeFor(ConnectionSettings connection) {
        AwsClientFactory clients;
        try {
            clients = made.get();
        } catch (ExecutionException e) {
            log.debug("The AWS clients made ahead failed; the connection makes them again: {}", e.getCause().toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            discard();
            throw new IllegalStateException("Interrupted while the AWS clients were made", e);
        }
        if (!settings.equals(connection)) {
            clients.close();
            return null;
        }
        taken = true;
        return clients;
    }

    /** True once a session took them. */
    boolean taken() {
        return taken;
    }

    /** Nothing will take them: closes them once they are made. */
    void discard() {
        made.thenAccept(AwsClientFactory::close);
    }
}
