package io.callbackconsole.ui;

import io.callbackconsole.ui.main.MainViewModel;
import io.callbackconsole.ui.main.MainWindow;
import java.lang.management.ManagementFactory;
import java.util.function.BiConsumer;
import javafx.application.Application;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The JavaFX application. The launcher's main class does not extend Application, so JavaFX can sit on the class path. */
public final class ConsoleApplication extends Application {
    private static final Logger log = LoggerFactory.getLogger(ConsoleApplication.class);
    private static volatile ConsoleEnvironment environment;
    private static volatile BiConsumer<Stage, MainViewModel> onShown = (stage, model) -> { };
    private MainViewModel model;

    /** Shows the GUI and returns when its last window closed. */
    public static void launch(ConsoleEnvironment consoleEnvironment, String... args) {
        environment = consoleEnvironment;
        Application.launch(ConsoleApplication.class, args);
    }

    /** As {@link #launch(ConsoleEnvironment, String...)}; {@code shown} sees the main window once it is shown. */
    public static void launch(ConsoleEnvironment consoleEnvironment, BiConsumer<Stage, MainViewModel> shown,
            String... args) {
        onShown = shown;
        launch(consoleEnvironment, args);
    }

    @Override
    public void start(Stage stage) {
        log.debug("JavaFX started {} ms after the JVM started", ManagementFactory.getRuntimeMXBean().getUptime());
        model = new MainViewModel(environment);
        io.callbackconsole.ui.pending.PendingView.openLinksWith(getHostServices()::showDocument);
        MainWindow.show(stage, model);
        log.info("Window shown {} ms after the JVM started", ManagementFactory.getRuntimeMXBean().getUptime());
        onShown.accept(stage, model);
    }

    @Override
    public void stop() {
        if (model != null) {
            model.close();
        }
    }
}
