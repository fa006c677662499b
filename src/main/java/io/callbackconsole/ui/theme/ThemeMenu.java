package io.callbackconsole.ui.theme;

import io.callbackconsole.ui.common.WindowWords;
import java.util.Map;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;

/** View → Theme: Light, Dark, Follow system, one of them checked, each applied at once and saved. */
public final class ThemeMenu {
    private ThemeMenu() {
    }

    /** The Theme menu for {@code switcher}; its items have the ids themeLight, themeDark and themeSystem. */
    public static Menu of(ThemeSwitcher switcher) {
        ToggleGroup group = new ToggleGroup();
        Map<ThemeChoice, RadioMenuItem> items = Map.of(
                ThemeChoice.LIGHT, item(WindowWords.text("preferences.theme.light"), "themeLight"),
                ThemeChoice.DARK, item(WindowWords.text("preferences.theme.dark"), "themeDark"),
                ThemeChoice.SYSTEM, item(WindowWords.text("preferences.theme.system"), "themeSystem"));
        items.forEach((choice, item) -> {
            item.setToggleGroup(group);
            item.setOnAction(e -> switcher.choose(choice));
        });
        items.get(switcher.choiceProperty().get()).setSelected(true);
        switcher.choiceProperty().addListener((obs, old, now) -> items.get(now).setSelected(true));
        Menu theme = new Menu(WindowWords.text("preferences.theme"));
        theme.setId("themeMenu");
        theme.getItems().setAll(items.get(ThemeChoice.LIGHT), items.get(ThemeChoice.DARK),
                items.get(ThemeChoice.SYSTEM));
        return theme;
    }

    /** Words only: an icon here would load the icon font before the first frame, for a menu seldom opened. */
    private static RadioMenuItem item(String text, String id) {
        RadioMenuItem item = new RadioMenuItem(text);
        item.setId(id);
        return item;
    }
}
