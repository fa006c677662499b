package io.callbackconsole.ui;

import io.callbackconsole.ui.main.MainViewModel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * One launch of the GUI, made by the launcher and handed what it needs: JavaFX may be {@link #startEarly started
 * early} while the launcher sets up logging and the session, the environment is then {@link #show handed over}, or the
 * launch is {@link #abandon abandoned} when the launcher fails first. Nothing is shown before the hand-over.
 *
 * <p>JavaFX creates the {@link ConsoleApplication} itself and allows one launch per process, so the launch that
 * started the toolkit is what the application asks for ({@link #running}), set just before JavaFX's launch: the one
 * piece of shared state.
 */
public final class ConsoleLaunch {
    private static final AtomicReference<ConsoleLaunch> running = new AtomicReference<>();

    private final Consumer<ConsoleLaunch> toolkit;
    private final CompletableFuture<ConsoleEnvironment> environment = new CompletableFuture<>();
    private volatile BiConsumer<Stage, MainViewModel> onShown = (stage, model) -> { };
    /** The thread running the toolkit when it was started early; null otherwise. */
    private Thread earlyStart;
    private volatile RuntimeException earlyFailure;

    /** A launch of the console's JavaFX application. */
    public ConsoleLaunch() {
        // JavaFX refuses a second Application.launch in a process itself.
        this(launch -> {
            running.set(launch);
            Application.launch(ConsoleApplication.class);
        });
    }

    /**
     * @param toolkit starts the GUI for the launch it is given and returns when the GUI has ended; JavaFX's
     *                {@code Application.launch}, or in tests a stand-in that reads {@link #environment()}
     */
    ConsoleLaunch(Consumer<ConsoleLaunch> toolkit) {
        this.toolkit = toolkit;
    }

    /** The launch whose toolkit is starting or running in this process; null before any. */
    static ConsoleLaunch running() {
        return running.get();
    }

    /**
     * Starts the toolkit on a thread of its own, unless it was started already, and returns at once. Call it only
     * when the command line certainly opens the window: starting JavaFX may print, which must not mix into a usage
     * error.
     */
    public synchronized void startEarly() {
        if (earlyStart != null) {
            return;
        }
        earlyStart = new Thread(() -> {
            try {
                runToolkit();
            } catch (RuntimeException e) {
                // Reported by show(), on the launcher's thread, as a launch without the early start would.
                earlyFailure = e;
            }
        }, "javafx-launch");
        // A launcher that fails before handing over the environment still ends with System.exit.
        earlyStart.setDaemon(true);
        earlyStart.start();
    }

    /** The launcher will not show the window after all (it failed before): a toolkit started early ends unseen. */
    public void abandon() {
        environment.cancel(false);
    }

    /** Shows the GUI on {@code consoleEnvironment} and returns when its last window closed. */
    public void show(ConsoleEnvironment consoleEnvironment) {
        show(consoleEnvironment, (stage, model) -> { });
    }

    /** As {@link #show(ConsoleEnvironment)}; {@code shown} sees the main window once it is shown. */
    public void show(ConsoleEnvironment consoleEnvironment, BiConsumer<Stage, MainViewModel> shown) {
        Thread started;
        synchronized (this) {
            onShown = shown;
            started = earlyStart;
        }
        if (!environment.complete(consoleEnvironment)) {
            throw new IllegalStateException("the console was shown before, or its launch was abandoned");
        }
        if (started == null) {
            runToolkit();
            return;
        }
        try {
            started.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (earlyFailure != null) {
            throw earlyFailure;
        }
    }

    /** Completed with the environment once it is handed over; cancelled when the launch was abandoned. */
    CompletableFuture<ConsoleEnvironment> environment() {
        return environment;
    }

    /** FX thread: the main window is shown. */
    void shown(Stage stage, MainViewModel model) {
        onShown.accept(stage, model);
    }

    private void runToolkit() {
        toolkit.accept(this);
    }
}
