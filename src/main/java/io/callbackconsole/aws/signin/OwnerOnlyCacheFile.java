package io.callbackconsole.aws.signin;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes a cache file that holds a secret: 0600 from its first byte (never world-readable for a moment), in a folder
 * created 0700, replaced atomically so a reader never sees half a file.
 */
final class OwnerOnlyCacheFile {
    private static final FileAttribute<Set<PosixFilePermission>> FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<Set<PosixFilePermission>> FOLDER =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

    private OwnerOnlyCacheFile() {
    }

    static void write(Path file, byte[] content) throws IOException {
        Path folder = file.toAbsolutePath().getParent();
        boolean posix = posix(folder);
        createFolders(folder, posix);
        Path temporary = posix ? Files.createTempFile(folder, ".tmp-", ".json", FILE)
                : Files.createTempFile(folder, ".tmp-", ".json");
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void createFolders(Path folder, boolean posix) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        Path parent = folder.getParent();
        if (parent != null) {
            createFolders(parent, posix);
        }
        try {
            if (posix) {
                Files.createDirectory(folder, FOLDER);
            } else {
                Files.createDirectory(folder);
            }
        } catch (FileAlreadyExistsException raced) {
            // Another writer made it meanwhile: fine.
        }
    }

    private static boolean posix(Path folder) throws IOException {
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileStore(existing).supportsFileAttributeView("posix");
    }
}
