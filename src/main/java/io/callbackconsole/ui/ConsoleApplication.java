package io.callbackconsole.ui;

import io.callbackconsole.ui.main.MainViewModel;
import io.callbackconsole.ui.main.MainWindow;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application. The launcher's main class does not extend Application, so JavaFX can sit on the class path. */
public final class ConsoleApplication extends Application {
    private static volatile ConsoleEnvironment environment;
    private MainViewModel model;

    /** Shows the GUI and returns when its last window closed. */
    public static void launch(ConsoleEnvironment consoleEnvironment, String... args) {
        environment = consoleEnvironment;
        Application.launch(ConsoleApplication.class, args);
    }

    @Override
    public void start(Stage stage) {
        model = new MainViewModel(environment);
        MainWindow.show(stage, model);
    }

    @Override
    public void stop() {
        if (model != null) {
            model.close();
        }
    }
}
