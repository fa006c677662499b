package io.callbackconsole.ui.main;

import io.callbackconsole.triage.PollState;
import io.callbackconsole.ui.common.AppIcon;
import io.callbackconsole.ui.common.LazyContent;
import io.callbackconsole.ui.common.Shortcut;
import io.callbackconsole.ui.common.WindowWords;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.history.HistoryView;
import io.callbackconsole.ui.pending.DecisionNotice;
import io.callbackconsole.ui.pending.PendingView;
import io.callbackconsole.ui.quarantine.QuarantineView;
import io.callbackconsole.ui.theme.ThemeMenu;
import io.callbackconsole.ui.theme.ThemeSwitcher;
import io.callbackconsole.ui.preferences.PreferencesDialog;
import io.callbackconsole.ui.preferences.WindowLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The console's one window: connection header and notice bars, Pending / Quarantine / History tabs, status bar. */
public final class MainWindow {
    private static final Logger log = LoggerFactory.getLogger(MainWindow.class);
    public static final String TITLE = WindowWords.text("window.title");

    private final MainViewModel model;
    private final Stage stage;

    private final Consumer<String> linkOpener;
    /** The window's bounds (x, y, scene width and height) while last not maximised; null before. */
    private double[] restored;

    private MainWindow(Stage stage, MainViewModel model, Consumer<String> linkOpener) {
        this.stage = stage;
        this.model = model;
        this.linkOpener = linkOpener;
    }

    /** As {@link #show(Stage, MainViewModel, Consumer)}; links to the AWS console are copied to the clipboard. */
    public static MainWindow show(Stage stage, MainViewModel model) {
        return show(stage, model, PendingView.COPY_LINK);
    }

    /**
     * Builds the window on {@code stage} and shows it; the connection opens in the background afterwards.
     *
     * @param linkOpener opens a link to the AWS console (the platform's browser)
     */
    public static MainWindow show(Stage stage, MainViewModel model, Consumer<String> linkOpener) {
        MainWindow window = new MainWindow(stage, model, linkOpener);
        window.build();
        stage.show();
        model.connect(model.environment().initialConnection());
        return window;
    }

    private void build() {
        // The theme comes before the first control: a control's class, once loaded, makes JavaFX parse its default
        // stylesheet (Modena) when no other is set, only for the theme to replace it. View → Theme changes it later.
        ThemeSwitcher themes = new ThemeSwitcher(model.environment().theme(), model.windowTasks());
        themes.applyStartTheme();
        PendingView pendingView = new PendingView(model.pending(), linkOpener);
        pendingView.rememberColumns(model.environment().columns(), model.saves());
        Tab pendingTab = new Tab();
        pendingTab.setId("pendingTab");
        pendingTab.textProperty().bind(model.pending().tabTitleProperty());
        pendingTab.setContent(pendingView);
        Tab quarantineTab = new Tab();
        quarantineTab.setId("quarantineTab");
        quarantineTab.textProperty().bind(Bindings.createStringBinding(() -> WindowWords.text("quarantine.tab",
                model.quarantineCountProperty().get()), model.quarantineCountProperty()));
        LazyContent.onFirstSelection(quarantineTab, () -> {
            QuarantineView view = new QuarantineView(model.quarantine());
            view.rememberColumns(model.environment().columns(), model.saves());
            return view;
        });
        Tab historyTab = new Tab(WindowWords.text("history.tab"));
        historyTab.setId("historyTab");
        LazyContent.onFirstSelection(historyTab, () -> {
            HistoryView view = new HistoryView(model.history());
            view.rememberColumns(model.environment().columns(), model.saves());
            return view;
        });
        historyTab.setOnSelectionChanged(e -> {
            if (historyTab.isSelected()) {
                model.history().reload();
            }
        });
        TabPane tabs = new TabPane(pendingTab, quarantineTab, historyTab);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);

        MenuItem keyboard = new MenuItem(WindowWords.text("keyboard.menuItem", Shortcut.HELP.keysText()));
        keyboard.setId("keyboardShortcutsItem");
        keyboard.setOnAction(e -> showKeyboardSheet());
        MenuItem preferencesItem = new MenuItem(WindowWords.text("preferences.menuItem"));
        preferencesItem.setId("preferencesItem");
        preferencesItem.setAccelerator(Shortcut.PREFERENCES.keys());
        preferencesItem.setOnAction(e -> showPreferences(themes));
        MenuBar menus = new MenuBar(new Menu(WindowWords.text("menu.edit"), null, preferencesItem),
                new Menu(WindowWords.text("menu.view"), null, ThemeMenu.of(themes)),
                new Menu(WindowWords.text("menu.help"), null, keyboard));
        menus.setId("menuBar");
        BorderPane root = new BorderPane(tabs);
        root.setTop(new VBox(menus, new ConnectionHeaderBar(stage, model), new NoticeBars(stage, model, linkOpener)));
        root.setBottom(buildStatusBar());

        // Where the operator left it, unless that is off every screen now.
        WindowLayout layout = model.preferences().startLayout()
                .map(saved -> WindowPlacement.onScreen(saved, screensPrimaryFirst())).orElse(null);
        Scene scene = layout == null ? new Scene(root, 1280, 800) : new Scene(root, layout.width(), layout.height());
        if (layout != null) {
            stage.setX(layout.x());
            stage.setY(layout.y());
            stage.setMaximized(layout.maximized());
            pendingView.dividerProperty().set(layout.pendingDivider());
        }
        // A new row is seen only while the Pending tab is in front in the focused window.
        model.pending().table().lookingProperty().bind(stage.focusedProperty().and(pendingTab.selectedProperty()));
        scene.getStylesheets().add(MainWindow.class.getResource("/io/callbackconsole/ui/console.css").toExternalForm());
        // Closing the window closes the connection (onHidden below), as the window's close button does.
        WindowShortcuts.install(scene, tabs, pendingView, model::refresh, this::showKeyboardSheet, stage::hide);
        // The count in the title reaches the task bar and the window switcher while the console is behind others.
        stage.titleProperty().bind(Bindings.createStringBinding(() -> titleFor(model.pendingCountProperty().get()),
                model.pendingCountProperty()));
        // Decoding six PNGs from the jar is I/O: done in the background, the icons follow the window.
        model.windowTasks().execute(BackgroundTask.of(AppIcon::images).named("load the window icons")
                .onSuccess(stage.getIcons()::setAll)
                .onFailure(error -> log.warn("The window icon could not be loaded", error)));
        stage.setScene(scene);
        stage.setOnShown(e -> keepLayout(pendingView));
        stage.setOnHidden(e -> {
            saveLayout(pendingView);
            model.close();
        });

        model.pending().onNotice(this::notifyDecision);
        model.alerts().onNotice(notice -> notify(notice.title(), notice.text()));
    }

    /** Edit → Preferences…: what OK gives is applied at once and saved; the theme goes through View → Theme's switch. */
    private void showPreferences(ThemeSwitcher themes) {
        PreferencesDialog.of(stage, model.preferences().currentProperty().get(), themes.choiceProperty().get())
                .showAndWait().ifPresent(choice -> {
                    model.preferences().choose(choice.preferences());
                    if (choice.theme() != themes.choiceProperty().get()) {
                        themes.choose(choice.theme());
                    }
                });
    }

    /** The primary screen first: a window off every screen opens there. */
    private static List<Rectangle2D> screensPrimaryFirst() {
        Rectangle2D primary = Screen.getPrimary().getVisualBounds();
        List<Rectangle2D> screens = new ArrayList<>(List.of(primary));
        Screen.getScreens().stream().map(Screen::getVisualBounds).filter(b -> !b.equals(primary))
                .forEach(screens::add);
        return screens;
    }

    /** Saves the window's bounds and divider half a second after the operator last moved or resized them. */
    private void keepLayout(PendingView pendingView) {
        PauseTransition settle = new PauseTransition(Duration.millis(500));
        settle.setOnFinished(e -> saveLayout(pendingView));
        javafx.beans.InvalidationListener changed = obs -> settle.playFromStart();
        stage.xProperty().addListener(changed);
        stage.yProperty().addListener(changed);
        stage.widthProperty().addListener(changed);
        stage.heightProperty().addListener(changed);
        stage.maximizedProperty().addListener(changed);
        pendingView.dividerProperty().addListener(changed);
    }

    private void saveLayout(PendingView pendingView) {
        double divider = pendingView.dividerProperty().get();
        if (stage.getWidth() > 0 && stage.getHeight() > 0 && divider > 0 && divider < 1) {
            // Maximised, the bounds are the screen's: the ones to come back to are those before.
            if (!stage.isMaximized()) {
                restored = new double[] {stage.getX(), stage.getY(), stage.getScene().getWidth(),
                        stage.getScene().getHeight()};
            }
            double[] bounds = restored != null ? restored : new double[] {stage.getX(), stage.getY(),
                    stage.getScene().getWidth(), stage.getScene().getHeight()};
            model.preferences().saveLayout(new WindowLayout(bounds[0], bounds[1], bounds[2], bounds[3],
                    stage.isMaximized(), divider));
        }
    }

    private void showKeyboardSheet() {
        KeyboardSheet.of(stage).show();
    }

    private HBox buildStatusBar() {
        Label poll = new Label();
        poll.setId("pollStatus");
        poll.textProperty().bind(Bindings.createStringBinding(() -> {
            PollState state = model.pollStateProperty().get();
            if (state == null) {
                return WindowWords.text("status.poll.none");
            }
            return switch (state.phase()) {
                case STARTING -> WindowWords.text("status.poll.starting");
                case NO_QUEUES -> WindowWords.text("status.poll.noQueues");
                case POLLING -> WindowWords.text("status.poll.polling");
                case FAILING -> WindowWords.text("status.poll.failing");
            };
        }, model.pollStateProperty()));
        Label counts = new Label();
        counts.textProperty().bind(Bindings.createStringBinding(() -> WindowWords.text("status.counts",
                model.pendingCountProperty().get(), model.quarantineCountProperty().get()),
                model.pendingCountProperty(), model.quarantineCountProperty()));
        Label history = new Label();
        history.setId("historyPath");
        history.textProperty().bind(Bindings.createStringBinding(() -> WindowWords.text("status.history",
                model.historyPathProperty().get()), model.historyPathProperty()));
        Label version = new Label(WindowWords.text("status.version", model.environment().version()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(16, poll, counts, history, spacer, version);
        bar.setPadding(new Insets(4, 12, 4, 12));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    /** "Callback Console — 3 pending", or the name alone when nothing waits. */
    static String titleFor(int pending) {
        return pending == 0 ? TITLE : WindowWords.text("window.title.pending", TITLE, pending);
    }

    private void notifyDecision(DecisionNotice notice) {
        if (notice.accepted()) {
            notify(notice.title(), notice.text());
        }
    }

    private void notify(String title, String text) {
        try {
            Notifications.create().owner(stage).title(title).text(text).hideAfter(Duration.seconds(6))
                    .showInformation();
        } catch (RuntimeException e) {
            // A notification is a courtesy; the table and the decision pane say the same, so logging is enough.
            log.warn("Cannot show the notification \"{}\"", text, e);
        }
    }
}
