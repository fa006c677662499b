package io.callbackconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.ui.ConsoleEnvironment;
import io.callbackconsole.ui.EnvironmentMarks;
import io.callbackconsole.ui.OwnPipelines;
import io.callbackconsole.ui.WindowClosings;
import io.callbackconsole.ui.theme.ConsoleTheme;
import io.callbackconsole.ui.theme.SystemColorScheme;
import io.callbackconsole.ui.theme.ThemeChoice;
import io.callbackconsole.ui.theme.ThemeSettings;
import io.callbackconsole.ui.theme.ThemeStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Application;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** View → Theme in the window: the saved theme at start, a switch at run time, saved, and following the desktop. */
@ExtendWith(ApplicationExtension.class)
class ThemeSwitchWindowTest {
    @RegisterExtension
    static final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession();

    /** Saved by an earlier start: dark. */
    final ThemeStore store = ThemeStore.inMemory(ThemeChoice.DARK);
    /** A GNOME desktop that prefers dark; the number of times it was asked. */
    final AtomicInteger desktopAsked = new AtomicInteger();
    final SystemColorScheme darkDesktop = new SystemColorScheme("Linux", Map.of(), command -> {
        desktopAsked.incrementAndGet();
        return Optional.of(command.contains("color-scheme") ? "'prefer-dark'\n" : "'Adwaita'\n");
    });
    MainViewModel model;

    @Start
    void start(Stage stage) {
        ThemeSettings theme = ThemeSettings.read(store, darkDesktop);
        ConsoleEnvironment environment = new ConsoleEnvironment(sandboxSession.opener(), sandboxSession.connection(),
                settings -> { }, List::of, "test", new WindowClosings(), EnvironmentMarks.inMemory(),
                OwnPipelines.none(), theme);
        model = new MainViewModel(environment);
        MainWindow.show(stage, model);
    }

    @AfterEach
    void closeSession(FxRobot robot) {
        robot.interact(() -> model.close());
        model.awaitClosed(10_000);
    }

    @AfterAll
    static void backToTheDefaultLook() {
        Application.setUserAgentStylesheet(null);
    }

    static RadioMenuItem item(FxRobot robot, String id) {
        MenuBar bar = robot.lookup("#menuBar").queryAs(MenuBar.class);
        Menu view = bar.getMenus().stream().filter(m -> m.getText().equals("View")).findFirst().orElseThrow();
        Menu theme = (Menu) view.getItems().stream().filter(i -> "themeMenu".equals(i.getId())).findFirst()
                .orElseThrow();
        MenuItem found = theme.getItems().stream().filter(i -> id.equals(i.getId())).findFirst().orElseThrow();
        return (RadioMenuItem) found;
    }

    static Color statusBarColour(FxRobot robot) {
        Region bar = robot.lookup(".status-bar").queryAs(Region.class);
        return (Color) bar.getBackground().getFills().get(0).getFill();
    }

    static void waitUntil(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
    }

    @Test
    void theSavedThemeIsShownAtStartAndASwitchAtRunTimeIsAppliedAndSaved(FxRobot robot) throws Exception {
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(ConsoleTheme.DARK.userAgentStylesheet());
        assertThat(item(robot, "themeDark").isSelected()).isTrue();
        assertThat(desktopAsked).as("a chosen theme needs no desktop").hasValue(0);
        assertThat(statusBarColour(robot)).as("the dark theme's subtle background").isEqualTo(Color.web("#161b22"));

        robot.interact(() -> item(robot, "themeLight").fire());
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(ConsoleTheme.LIGHT.userAgentStylesheet());
        assertThat(item(robot, "themeLight").isSelected()).isTrue();
        assertThat(item(robot, "themeDark").isSelected()).isFalse();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(statusBarColour(robot)).as("console.css follows the theme at run time")
                .isEqualTo(Color.web("#f6f8fa"));
        waitUntil(() -> store.load() == ThemeChoice.LIGHT);

        ThemeSettings nextStart = ThemeSettings.read(store, darkDesktop);
        assertThat(nextStart.choice()).isEqualTo(ThemeChoice.LIGHT);
        assertThat(nextStart.startTheme()).isEqualTo(ConsoleTheme.LIGHT);
    }

    @Test
    void followingTheSystemReadsTheDesktopInTheBackgroundAndIsSaved(FxRobot robot) throws Exception {
        robot.interact(() -> item(robot, "themeLight").fire());
        robot.interact(() -> item(robot, "themeSystem").fire());
        waitUntil(() -> ConsoleTheme.DARK.userAgentStylesheet().equals(Application.getUserAgentStylesheet()));
        assertThat(desktopAsked.get()).isPositive();
        assertThat(item(robot, "themeSystem").isSelected()).isTrue();
        waitUntil(() -> store.load() == ThemeChoice.SYSTEM);
    }

    @Test
    void theMenuAndItsItemsSayWhatTheyDo(FxRobot robot) {
        assertThat(List.of(item(robot, "themeLight"), item(robot, "themeDark"), item(robot, "themeSystem")))
                .extracting(MenuItem::getText).containsExactly("Light", "Dark", "Follow system");
    }
}
