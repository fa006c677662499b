package io.callbackconsole.app;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the data directory to its owner on POSIX file systems: the directory 0700, every file 0600. The history holds
 * reasons, operators, caller ARNs and account ids. Files are created with these modes (never created and then
 * changed), and files an older console left readable by others are tightened on start. SQLite creates the history's
 * {@code -wal}, {@code -shm} and {@code -journal} files with the mode of the database file, so creating
 * {@code history.db} 0600 before SQLite opens it (an empty file is a new database to SQLite) covers them too. On
 * other file systems (Windows) nothing is changed: the per-user application-data folder is private by its ACL.
 */
public final class OwnerOnlyFiles {
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    private static final List<String> HISTORY_SUFFIXES = List.of("", "-wal", "-shm", "-journal");

    private OwnerOnlyFiles() {
    }

    /** Creates the directory and any missing parents 0700 (parents that exist are left as they are). */
    public static void createDirectories(Path directory) throws IOException {
        if (posix(directory)) {
            Files.createDirectories(directory, attribute(DIRECTORY_MODE));
        } else {
            Files.createDirectories(directory);
        }
    }

    /** Creates an empty file 0600 (and its directory 0700) when there is none. */
    public static void createFileIfMissing(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        createDirectories(file.getParent());
        try {
            if (posix(file.getParent())) {
                Files.createFile(file, attribute(FILE_MODE));
            } else {
                Files.createFile(file);
            }
        } catch (FileAlreadyExistsException createdMeanwhile) {
            // Another console created it first; tighten() takes care of its mode.
        }
    }

    /**
     * Makes the data directory ready for writing: creates it 0700 if missing, and tightens the directory, the
     * sandbox's folder, its {@code logs} folder and every file the console keeps there. The history a connection uses
     * is created 0600 when that connection opens it, so a sandbox run never creates the AWS history.
     *
     * @return the paths whose permissions were looser and have been tightened (empty on non-POSIX file systems)
     */
    public static List<Path> prepare(AppDirectories directories) throws IOException {
        createDirectories(directories.dataDir());
        List<Path> tightened = new ArrayList<>();
        if (!posix(directories.dataDir())) {
            return tightened;
        }
        tighten(directories.dataDir(), DIRECTORY_MODE, tightened);
        Path sandboxFolder = directories.sandboxHistoryFile().getParent();
        if (Files.isDirectory(sandboxFolder)) {
            tighten(sandboxFolder, DIRECTORY_MODE, tightened);
        }
        for (Path history : List.of(directories.historyFile(), directories.sandboxHistoryFile())) {
            for (String suffix : HISTORY_SUFFIXES) {
                tighten(history.resolveSibling(history.getFileName() + suffix), FILE_MODE, tightened);
            }
        }
        tighten(directories.settingsFile(), FILE_MODE, tightened);
        Path logs = LogFile.in(directories).getParent();
        if (Files.isDirectory(logs)) {
            tighten(logs, DIRECTORY_MODE, tightened);
            try (Stream<Path> files = Files.list(logs)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    tighten(file, FILE_MODE, tightened);
                }
            }
        }
        return tightened;
    }

    /**
     * Creates a history database file 0600 in a 0700 folder, if missing, before SQLite opens it: SQLite gives its
     * -wal and -shm files the database file's mode. Returns the file.
     */
    public static Path createHistoryFile(Path historyFile) throws IOException {
        createDirectories(historyFile.toAbsolutePath().getParent());
        createFileIfMissing(historyFile);
        return historyFile;
    }

    /** One sentence for the log naming what {@link #prepare} tightened; null when nothing was. */
    public static String reportOf(List<Path> tightened) {
        if (tightened.isEmpty()) {
            return null;
        }
        return "Tightened the permissions of " + tightened.size() + " path(s) other users could read to owner-only"
                + " (directories 0700, files 0600): " + tightened;
    }

    private static void tighten(Path path, Set<PosixFilePermission> mode, List<Path> tightened) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        if (!Files.getPosixFilePermissions(path).equals(mode)) {
            Files.setPosixFilePermissions(path, mode);
            tightened.add(path);
        }
    }

    static boolean posix(Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null
                && Files.getFileAttributeView(existing, PosixFileAttributeView.class) != null;
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }
}
