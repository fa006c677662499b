package io.callbackconsole.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogFileTest {
    @TempDir
    Path dataDir;

    @AfterEach
    void detachTheFile() {
        var root = ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME);
        var appender = root.getAppender(LogFile.APPENDER_NAME);
        if (appender != null) {
            root.detachAppender(appender);
            appender.stop();
        }
    }

    @Test
    void theLogGoesToTheDataDirectoryNotNextToTheProgram() throws Exception {
        Path file = LogFile.start(new AppDirectories(dataDir));
        LoggerFactory.getLogger(LogFileTest.class).info("a line for the file");

        assertThat(file).isEqualTo(dataDir.resolve("logs").resolve("callback-console.log"));
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).contains("INFO", "a line for the file");
        if (OwnerOnlyFiles.posix(file)) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        }
    }

    @Test
    void startingTwiceKeepsOneFileAppender() throws Exception {
        LogFile.start(new AppDirectories(dataDir));
        Path file = LogFile.start(new AppDirectories(dataDir));
        LoggerFactory.getLogger(LogFileTest.class).info("only once");

        assertThat(Files.readString(file, StandardCharsets.UTF_8).split("only once", -1)).hasSize(2);
    }
}
