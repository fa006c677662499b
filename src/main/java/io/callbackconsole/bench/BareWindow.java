package io.callbackconsole.bench;

import java.lang.management.ManagementFactory;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The cold-start baseline: a bare JavaFX window, started from the class path like the console (a main that is not
 * the Application), that says when it was shown and exits.
 */
public final class BareWindow {
    private BareWindow() {
    }

    public static void main(String[] args) {
        Application.launch(Window.class, args);
    }

    public static final class Window extends Application {
        @Override
        public void start(Stage stage) {
            stage.setTitle("Bare window");
            stage.setScene(new Scene(new StackPane(new Label("A bare JavaFX window")), 1200, 800));
            stage.show();
            System.err.println("Window shown " + ManagementFactory.getRuntimeMXBean().getUptime()
                    + " ms after the JVM started");
            Platform.runLater(Platform::exit);
        }
    }
}
