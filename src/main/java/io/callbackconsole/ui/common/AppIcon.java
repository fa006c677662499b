package io.callbackconsole.ui.common;

import java.util.List;
import java.util.stream.IntStream;
import javafx.scene.image.Image;

/**
 * The application icon, in the sizes a window manager may ask for. Rendered from {@code assets/icon/callback-console.svg}
 * by {@code assets/icon/generate-icons.sh}, like the installers' icons.
 */
public final class AppIcon {
    static final int[] SIZES = {16, 32, 48, 64, 128, 256};

    private AppIcon() {
    }

    /** One image per size, smallest first; JavaFX hands the window manager the closest one. */
    public static List<Image> images() {
        return IntStream.of(SIZES).mapToObj(AppIcon::image).toList();
    }

    private static Image image(int size) {
        String path = "/io/callbackconsole/ui/icon/callback-console-" + size + ".png";
        var url = AppIcon.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException("The icon " + path + " is missing from the build");
        }
        return new Image(url.toExternalForm());
    }
}
