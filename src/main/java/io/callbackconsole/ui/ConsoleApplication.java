package io.callbackconsole.ui;

import io.callbackconsole.ui.main.MainViewModel;
import io.callbackconsole.ui.main.MainWindow;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application. The launcher's main class does not extend Application, so JavaFX can sit on the class path.
 *
 * <p>The launcher may {@link #startEarly start} JavaFX before it has set up logging and the session: the toolkit then
 * starts on another thread while the launcher works, and the main window is built once {@link #launch} hands over the
 * environment. Nothing is shown before that. No logger is held in a static field, so starting JavaFX does not wait for
 * logging to initialise.
 */
public final class ConsoleApplication extends Application {
    private static final CompletableFuture<ConsoleEnvironment> environment = new CompletableFuture<>();
    private static volatile BiConsumer<Stage, MainViewModel> onShown = (stage, model) -> { };
    /** The thread running {@link Application#launch} when JavaFX was started early; null otherwise. */
    private static Thread earlyLaunch;
    private static volatile RuntimeException earlyLaunchFailure;
    private MainViewModel model;

    /**
     * Starts the JavaFX toolkit on a thread of its own, unless it was started already, and returns at once;
     * {@link #launch} then shows the window on it, or {@link #abandonEarlyStart} ends it unseen. Call it only when the
     * command line certainly opens the window: starting JavaFX may print (a warning, when it is loaded from the class
     * path), which must not mix into a usage error.
     */
    public static synchronized void startEarly() {
        if (earlyLaunch != null) {
            return;
        }
        earlyLaunch = new Thread(() -> {
            try {
                Application.launch(ConsoleApplication.class);
            } catch (RuntimeException e) {
                // Reported by launch(), on the launcher's thread, as a launch without the early start would.
                earlyLaunchFailure = e;
            }
        }, "javafx-launch");
        // A launcher that fails before handing over the environment still ends with System.exit.
        earlyLaunch.setDaemon(true);
        earlyLaunch.start();
    }

    /** The launcher will not show the window after all (it failed before): JavaFX started early ends unseen. */
    public static void abandonEarlyStart() {
        environment.cancel(false);
    }

    /** Shows the GUI and returns when its last window closed. */
    public static void launch(ConsoleEnvironment consoleEnvironment) {
        Thread started;
        synchronized (ConsoleApplication.class) {
            started = earlyLaunch;
        }
        if (!environment.complete(consoleEnvironment)) {
            throw new IllegalStateException("the console was launched before, or its early start was abandoned");
        }
        if (started == null) {
            Application.launch(ConsoleApplication.class);
            return;
        }
        try {
            started.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (earlyLaunchFailure != null) {
            throw earlyLaunchFailure;
        }
    }

    /** As {@link #launch(ConsoleEnvironment)}; {@code shown} sees the main window once it is shown. */
    public static void launch(ConsoleEnvironment consoleEnvironment, BiConsumer<Stage, MainViewModel> shown) {
        onShown = shown;
        launch(consoleEnvironment);
    }

    @Override
    public void start(Stage stage) {
        LoggerFactory.getLogger(ConsoleApplication.class).debug("JavaFX started {} ms after the JVM started",
                ManagementFactory.getRuntimeMXBean().getUptime());
        // Completed already unless JavaFX was started early; then the window is built once the launcher hands over.
        environment.whenComplete((ready, failure) -> {
            if (Platform.isFxApplicationThread()) {
                showOrExit(stage, ready);
            } else {
                Platform.runLater(() -> showOrExit(stage, ready));
            }
        });
    }

    /** FX thread. Builds and shows the main window on {@code ready}, or ends JavaFX when the start was abandoned. */
    private void showOrExit(Stage stage, ConsoleEnvironment ready) {
        if (ready == null) {
            Platform.exit();
            return;
        }
        model = new MainViewModel(ready);
        MainWindow.show(stage, model, getHostServices()::showDocument);
        LoggerFactory.getLogger(ConsoleApplication.class).info("Window shown {} ms after the JVM started",
                ManagementFactory.getRuntimeMXBean().getUptime());
        onShown.accept(stage, model);
    }

    @Override
    public void stop() {
        if (model != null) {
            model.close();
        }
    }
}
