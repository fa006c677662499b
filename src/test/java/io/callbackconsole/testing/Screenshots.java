package io.callbackconsole.testing;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Writes a scene as a PNG when the build asks for screenshots ({@code -Dcallbackconsole.screenshots=DIR}, e.g.
 * {@code assets/screenshots}), so the README's pictures come from the same state a test checks. Otherwise nothing.
 * FX thread only.
 */
public final class Screenshots {
    private Screenshots() {
    }

    public static void saveIfAsked(Scene scene, String name) {
        String directory = System.getProperty("callbackconsole.screenshots");
        if (directory == null || directory.isBlank()) {
            return;
        }
        WritableImage image = scene.snapshot(null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        try {
            Path file = Path.of(directory).resolve(name + ".png");
            Files.createDirectories(file.getParent());
            ImageIO.write(png, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the screenshot " + name, e);
        }
    }
}
