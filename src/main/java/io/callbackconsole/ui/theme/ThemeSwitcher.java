package io.callbackconsole.ui.theme;

import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import java.util.concurrent.atomic.AtomicReference;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The window's theme at run time: applies the theme a choice stands for and saves the choice, in the background.
 * Following the system reads its preference in the background too, then applies it. FX thread.
 */
public final class ThemeSwitcher {
    private static final Logger log = LoggerFactory.getLogger(ThemeSwitcher.class);

    private final ThemeSettings settings;
    private final TaskExecutor tasks;
    private final ReadOnlyObjectWrapper<ThemeChoice> choice = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ConsoleTheme> theme = new ReadOnlyObjectWrapper<>();
    /** Counts choices, so a slow read of the system's preference never overrides a later choice. */
    private long generation;
    private final AtomicReference<ThemeChoice> toSave = new AtomicReference<>();

    public ThemeSwitcher(ThemeSettings settings, TaskExecutor tasks) {
        this.settings = settings;
        this.tasks = tasks;
        choice.set(settings.choice());
    }

    /** Applies the theme read at start; before the window's first frame. */
    public void applyStartTheme() {
        show(settings.startTheme());
    }

    /** Applies what {@code chosen} stands for and saves it. */
    public void choose(ThemeChoice chosen) {
        long mine = ++generation;
        choice.set(chosen);
        if (chosen == ThemeChoice.SYSTEM) {
            tasks.execute(BackgroundTask.of(() -> chosen.resolve(settings.system())).named("read the system's theme")
                    .onSuccess(preferred -> {
                        if (mine == generation) {
                            show(preferred);
                        }
                    })
                    .onFailure(error -> log.warn("The system's theme cannot be read", error)));
        } else {
            show(chosen.resolve(settings.system()));
        }
        toSave.set(chosen);
        tasks.execute(BackgroundTask.ofAction(() -> {
            // Saves share a lock and each writes the latest choice, so two quick choices end with the second saved.
            synchronized (toSave) {
                settings.store().save(toSave.get());
            }
        }).named("save the theme").onFailure(error -> log.warn("The theme choice cannot be saved: {}",
                error.getMessage())));
    }

    private void show(ConsoleTheme shown) {
        shown.apply();
        theme.set(shown);
    }

    /** The operator's choice. */
    public ReadOnlyObjectProperty<ThemeChoice> choiceProperty() {
        return choice.getReadOnlyProperty();
    }

    /** The theme on screen. */
    public ReadOnlyObjectProperty<ConsoleTheme> themeProperty() {
        return theme.getReadOnlyProperty();
    }
}
