package io.callbackconsole.history;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.callbackconsole.history.HistoryConnections.ReadMode;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a read-only store opens its file: never a -wal or -shm beside a copy that is to stay as it is. */
class HistoryReadOnlyOpeningTest {
    @TempDir
    Path dir;
    private Path file;
    private String probeClassPath;

    @BeforeEach
    void journalOneDecision() {
        file = dir.resolve("history.db");
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            store.recordIntent(decision("RoTok00001", MORNING));
        }
    }

    @Test
    void anImmutableCopyIsReadWithoutAnyFileBesideIt() {
        assertThat(Files.exists(dir.resolve("history.db-wal"))).isFalse();
        // A shared reader of a WAL file keeps -wal and -shm beside it while open: the immutable one must not.
        try (AuditLog log = AuditLog.open(file, HistoryOptions.defaults().asImmutableCopy())) {
            assertThat(log.verify().intact()).isTrue();
            assertThat(log.count(AuditFilter.everything())).isEqualTo(1);
            assertThat(Files.exists(dir.resolve("history.db-shm"))).as("-shm while open").isFalse();
            assertThat(Files.exists(dir.resolve("history.db-wal"))).as("-wal while open").isFalse();
        }
        try (AuditLog shared = AuditLog.open(file)) {
            shared.count(AuditFilter.everything());
            assertThat(Files.exists(dir.resolve("history.db-shm"))).as("the shared reader's -shm, for contrast")
                    .isTrue();
        }
    }

    @Test
    void anImmutableReadOfACopyWithRowsInItsWriteAheadLogIsRefusedRatherThanMissingThem() throws Exception {
        Files.writeString(dir.resolve("history.db-wal"), "frames an immutable reader would not read");

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> AuditLog.open(file, HistoryOptions.defaults().asImmutableCopy()))
                .isInstanceOf(HistoryUnavailableException.class)
                .hasMessageContaining("write-ahead log (history.db-wal")
                .hasMessageContaining("Copy both files to a directory you can write");
    }

    @Test
    void theModeFollowsWhatCanBeWritten() throws Exception {
        HistoryOptions readOnly = HistoryOptions.defaults().asReadOnly();
        assertThat(ReadMode.of(file, HistoryOptions.defaults())).isEqualTo(ReadMode.SHARED);
        assertThat(ReadMode.of(file, readOnly.asImmutableCopy())).isEqualTo(ReadMode.IMMUTABLE);
        assertThat(ReadMode.of(file, readOnly)).isEqualTo(ReadMode.SHARED);
    }

    /**
     * A copy the reader may not write is read with {@code mode=ro}; one in a directory it may not write, immutable;
     * neither gets a file beside it or a changed byte. Root writes whatever the modes say, so as root (CI) the reader
     * is a child JVM run as the unprivileged {@code postgres} user; otherwise this JVM, with the modes set.
     */
    @Test
    void aCopyTheReaderMayNotWriteIsReadWithoutChangingIt() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX modes");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            assumeTrue(Files.isExecutable(Path.of("/usr/sbin/runuser")), "runuser is needed to read as another user");
        }
        // The file belongs to its writer (root or this user) and others may only read it; the directory for the
        // read-only case is the reader's own, for the immutable case nobody's but the writer's.
        Path readable = dir.resolve("readable");
        Path sealed = dir.resolve("sealed");
        Files.createDirectories(readable);
        Files.createDirectories(sealed);
        Path inReadable = Files.copy(file, readable.resolve("history.db"));
        Path inSealed = Files.copy(file, sealed.resolve("history.db"));
        for (Path copy : List.of(inReadable, inSealed)) {
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("r--r--r--"));
        }
        Files.setPosixFilePermissions(sealed, PosixFilePermissions.fromString("r-xr-xr-x"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        byte[] before = Files.readAllBytes(inReadable);
        try {
            if (root) {
                Files.setPosixFilePermissions(inReadable, PosixFilePermissions.fromString("rw-r--r--")); // root's
                Files.setPosixFilePermissions(inSealed, PosixFilePermissions.fromString("rw-r--r--"));
                Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rwxrwxrwx"));
                Files.setPosixFilePermissions(sealed, PosixFilePermissions.fromString("rwxr-xr-x"));
                assertThat(probeAsPostgres(inReadable)).isEqualTo("READ_ONLY VERIFIED");
                assertThat(probeAsPostgres(inSealed)).isEqualTo("IMMUTABLE VERIFIED");
            } else {
                HistoryOptions readOnly = HistoryOptions.defaults().asReadOnly();
                assertThat(ReadMode.of(inReadable, readOnly)).isEqualTo(ReadMode.READ_ONLY);
                assertThat(ReadMode.of(inSealed, readOnly)).isEqualTo(ReadMode.IMMUTABLE);
                for (Path copy : List.of(inReadable, inSealed)) {
                    try (AuditLog log = AuditLog.open(copy, readOnly)) {
                        assertThat(log.verify().chainIntact()).isTrue();
                    }
                }
            }
            assertThat(Files.readAllBytes(inReadable)).as("the read-only copy's bytes").isEqualTo(before);
            assertThat(Files.readAllBytes(inSealed)).as("the immutable copy's bytes").isEqualTo(before);
            try (var beside = Files.list(sealed)) {
                assertThat(beside).as("files beside the immutable copy").containsExactly(inSealed);
            }
        } finally {
            Files.setPosixFilePermissions(sealed, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * A copy on a read-only mount (an auditor's evidence disk): even root cannot write there, so it is read as an
     * unchanging copy, and it verifies. Mounting needs root; the test is skipped without it.
     */
    @Test
    void aCopyOnAReadOnlyMountIsReadAndVerified() throws Exception {
        Path mount = Files.createDirectory(dir.resolve("evidence"));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", mount.toString()),
                "mounting a tmpfs is not permitted here (needs root)");
        try {
            Path copy = Files.copy(file, mount.resolve("history.db"));
            assertThat(run("mount", "-o", "remount,ro", mount.toString())).as("remounted read-only").isTrue();
            HistoryOptions readOnly = HistoryOptions.defaults().asReadOnly();
            assertThat(ReadMode.of(copy, readOnly)).isEqualTo(ReadMode.IMMUTABLE);
            try (AuditLog log = AuditLog.open(copy, readOnly)) {
                assertThat(log.verify().chainIntact()).isTrue();
                assertThat(log.count(AuditFilter.everything())).isEqualTo(1);
            }
            try (var beside = Files.list(mount)) {
                assertThat(beside).containsExactly(copy);
            }
        } finally {
            assertThat(run("umount", mount.toString())).as("unmounted").isTrue();
        }
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (java.io.IOException noSuchCommand) {
            return false;
        }
    }

    /**
     * Runs {@link ReadOnlyOpeningProbe} as {@code postgres}: the class directories and the few jars it needs are
     * copied where that user may read them (the Maven repository under /root is not).
     */
    private String probeAsPostgres(Path history) throws Exception {
        if (probeClassPath == null) {
            probeClassPath = copyProbeClassPath();
        }
        Path javaBinary = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder("/usr/sbin/runuser", "-u", "postgres", "--", javaBinary.toString(),
                "-Djava.io.tmpdir=/tmp", "-cp", probeClassPath, ReadOnlyOpeningProbe.class.getName(),
                history.toString()).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(probe.exitValue()).as(output).isZero();
        return output.lines().filter(line -> line.matches("[A-Z_]+ [A-Z]+")).reduce((a, b) -> b).orElse(output);
    }

    private String copyProbeClassPath() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("classpath"));
        List<String> entries = new ArrayList<>();
        int n = 0;
        for (String entry : new java.util.LinkedHashSet<>(List.of(
                System.getProperty("java.class.path").split(java.io.File.pathSeparator)))) {
            Path source = Path.of(entry);
            String name = source.getFileName().toString();
            if (Files.isDirectory(source)) {
                if (!Files.exists(source.resolve("io"))) {
                    continue; // a resources-only or empty directory
                }
                Path target = classes.resolve("dir" + n++);
                try (var tree = Files.walk(source)) {
                    for (Path p : (Iterable<Path>) tree::iterator) {
                        Path copy = target.resolve(source.relativize(p).toString());
                        if (!Files.isDirectory(copy)) {
                            Files.copy(p, copy);
                        }
                    }
                }
                entries.add(target.toString());
            } else if (name.startsWith("sqlite-jdbc") || name.startsWith("slf4j-api") || name.startsWith("jackson-")) {
                entries.add(Files.copy(source, classes.resolve(name)).toString());
            }
        }
        try (var tree = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                if (!p.startsWith(dir.resolve("sealed")) && !p.startsWith(dir.resolve("readable"))) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(
                            Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        return String.join(java.io.File.pathSeparator, entries);
    }
}
