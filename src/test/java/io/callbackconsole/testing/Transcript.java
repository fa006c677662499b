package io.callbackconsole.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * What the tests' command lines printed, written down when {@code -Dcallback.transcript=DIR} is given (one file per
 * test class), so that a change that should not change a word (moving sentences into a bundle) can be compared with a
 * run before it: {@code diff -r before/ after/}. Does nothing otherwise.
 */
public final class Transcript {
    private static final String FOLDER = System.getProperty("callback.transcript");

    private Transcript() {
    }

    /** Notes one command line's arguments, exit code and output, under the test class that ran it. */
    public static synchronized void record(List<String> args, int exitCode, String stdout, String stderr) {
        if (FOLDER == null) {
            return;
        }
        String test = StackWalker.getInstance().walk(frames -> frames.map(StackWalker.StackFrame::getClassName)
                .filter(name -> name.endsWith("Test")).findFirst().orElse("unknown"));
        String entry = "$ " + String.join(" ", args) + "\n[exit " + exitCode + "]\n[stdout]\n" + stdout
                + "[stderr]\n" + stderr + "[end]\n";
        try {
            Path folder = Files.createDirectories(Path.of(FOLDER));
            Files.writeString(folder.resolve(test + ".txt"), entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
