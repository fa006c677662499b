package io.callbackconsole.ui.theme;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.CurrentThreadTaskExecutor;
import io.callbackconsole.ui.common.task.TaskExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.application.Application;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The switcher's faults: a choice that cannot be saved, and a slow read of the desktop overtaken by a choice. */
@ExtendWith(ApplicationExtension.class)
class ThemeSwitcherTest {
    static final SystemColorScheme DARK_DESKTOP = new SystemColorScheme("Linux", Map.of("GTK_THEME", "Adwaita:dark"),
            command -> Optional.empty());

    /** Holds tasks until {@link #runAllLastFirst}: background tasks that finish in the reverse of their order. */
    static final class HeldTasks implements TaskExecutor {
        final List<BackgroundTask<?>> held = new ArrayList<>();

        @Override
        public <T> BackgroundTask<T> execute(BackgroundTask<T> task) {
            held.add(task);
            return task;
        }

        void runAllLastFirst() {
            List<BackgroundTask<?>> now = new ArrayList<>(held);
            java.util.Collections.reverse(now);
            held.clear();
            now.forEach(new CurrentThreadTaskExecutor()::execute);
        }
    }

    @Start
    void start(Stage stage) {
        stage.show();
    }

    @AfterAll
    static void backToTheDefaultLook() {
        Application.setUserAgentStylesheet(null);
    }

    @Test
    void aChoiceThatCannotBeSavedIsStillShown(FxRobot robot) {
        ThemeStore broken = new ThemeStore() {
            @Override
            public ThemeChoice load() {
                return ThemeChoice.LIGHT;
            }

            @Override
            public void save(ThemeChoice choice) throws Exception {
                throw new java.io.IOException("disk full");
            }
        };
        ThemeSwitcher switcher = new ThemeSwitcher(ThemeSettings.read(broken, DARK_DESKTOP),
                new CurrentThreadTaskExecutor());
        robot.interact(() -> switcher.choose(ThemeChoice.DARK));
        assertThat(switcher.themeProperty().get()).isEqualTo(ConsoleTheme.DARK);
        assertThat(switcher.choiceProperty().get()).isEqualTo(ThemeChoice.DARK);
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(ConsoleTheme.DARK.userAgentStylesheet());
    }

    @Test
    void aSlowReadOfTheDesktopNeverOverridesALaterChoiceAndTheLaterChoiceIsSaved(FxRobot robot) throws Exception {
        ThemeStore store = ThemeStore.inMemory(ThemeChoice.LIGHT);
        HeldTasks tasks = new HeldTasks();
        ThemeSwitcher switcher = new ThemeSwitcher(ThemeSettings.read(store, DARK_DESKTOP), tasks);
        robot.interact(() -> {
            switcher.applyStartTheme();
            switcher.choose(ThemeChoice.SYSTEM); // the desktop's answer (dark) is still on its way
            switcher.choose(ThemeChoice.LIGHT);
            tasks.runAllLastFirst();
        });
        assertThat(switcher.themeProperty().get()).isEqualTo(ConsoleTheme.LIGHT);
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(ConsoleTheme.LIGHT.userAgentStylesheet());
        assertThat(store.load()).as("the earlier save finished last, yet the later choice is kept").isEqualTo(ThemeChoice.LIGHT);
    }
}
