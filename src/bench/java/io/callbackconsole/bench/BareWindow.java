package io.callbackconsole.bench;

import atlantafx.base.theme.PrimerLight;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/**
 * The cold-start baselines, started from the class path like the console (a main that is not the Application): a
 * bare JavaFX window, or with {@code controls} a window holding the kinds of JavaFX controls the console's first frame
 * holds (tabs, a split pane, a 15-column table, titled panes, a text area, a text field, a choice box, buttons) and no
 * console code; with {@code themed} too, that window in the console's theme (AtlantaFX Primer Light, its binary
 * stylesheet set before the first control, as the console sets it). Each says when it was shown, with the CPU time its
 * FX thread and the whole process had used by then (figures a busy machine disturbs less than the wall clock), and
 * exits.
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
            boolean controls = getParameters().getRaw().contains("controls");
            if (getParameters().getRaw().contains("themed")) {
                Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheetBSS());
            }
            stage.setTitle(controls ? "Controls window" : "Bare window");
            stage.setScene(new Scene(controls ? controls() : new StackPane(new Label("A bare JavaFX window")),
                    1200, 800));
            stage.show();
            System.err.println("Window shown " + ManagementFactory.getRuntimeMXBean().getUptime()
                    + " ms after the JVM started (" + ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime()
                    / 1_000_000 + " ms of CPU on this thread, " + ProcessHandle.current().info().totalCpuDuration()
                    .map(Duration::toMillis).orElse(-1L) + " ms in the process)");
            Platform.runLater(Platform::exit);
        }

        private static Parent controls() {
            TableView<String> table = new TableView<>();
            for (int i = 1; i <= 15; i++) {
                table.getColumns().add(new TableColumn<String, String>("Column " + i));
            }
            table.setPlaceholder(new Label("Nothing waiting"));
            HBox filter = new HBox(6, new TextField(), new Button("Find"), new ChoiceBox<String>(), new Button("Cancel"));
            HBox actions = new HBox(8);
            for (int i = 1; i <= 6; i++) {
                actions.getChildren().add(new Button("Action " + i));
            }
            VBox side = new VBox(8, new TitledPane("Details", new Label("Select a row")),
                    new TitledPane("Decision", new VBox(6, new TextArea(), actions, new Label("0/256"))));
            SplitPane split = new SplitPane(new BorderPane(table, filter, null, null, null), side);
            BorderPane root = new BorderPane(new TabPane(new Tab("Pending", split), new Tab("Quarantine"),
                    new Tab("History")));
            root.setTop(new HBox(8, new Label("SANDBOX"), new Label("A banner"), new Button("Refresh"),
                    new Button("Connect…")));
            root.setBottom(new HBox(8, new Label("Last poll"), new Label("—")));
            return root;
        }
    }
}
