import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Removes the native libraries of other platforms from a jar, in place: every entry under ROOT except those under
 * ROOT/FOLDER for a FOLDER given. packaging/build.sh runs it (as a source file, on the packaging JDK, so it works on
 * every OS the build does) on sqlite-jdbc, which carries libraries for about 24 platforms where an installer needs
 * one or two. Every other entry, META-INF included, is copied as it was (the zip file system copies unchanged entries
 * without compressing them again, in their order). Fails, leaving the jar unchanged, when no library is under the
 * kept folders: a build for a platform the jar has no library for must not ship a jar without any.
 *
 * <p>Usage: {@code java KeepNativeLibraries.java JAR ROOT FOLDER...}, e.g.
 * {@code java KeepNativeLibraries.java sqlite-jdbc.jar org/sqlite/native Linux/x86_64}
 */
public final class KeepNativeLibraries {
    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: java KeepNativeLibraries.java JAR ROOT FOLDER...");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        String root = "/" + trimSlashes(args[1]);
        List<String> kept = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            kept.add(root + "/" + trimSlashes(args[i]));
        }
        long before = Files.size(jar);
        int removed;
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of())) {
            Path rootPath = zip.getPath(root);
            if (!Files.isDirectory(rootPath)) {
                fail(jar + " has no folder " + root);
            }
            List<Path> entries;
            try (Stream<Path> walk = Files.walk(rootPath)) {
                entries = walk.toList();
            }
            long keptLibraries = entries.stream()
                    .filter(entry -> isUnder(entry.toString(), kept) && Files.isRegularFile(entry)).count();
            if (keptLibraries == 0) {
                fail(jar + " has no library under " + String.join(", ", kept));
            }
            // Deepest first, so a folder is empty when it is deleted; the kept folders' parents stay.
            List<Path> foreign = entries.stream()
                    .filter(entry -> !isUnder(entry.toString(), kept) && !isAncestorOfKept(entry.toString(), kept))
                    .sorted(Comparator.comparingInt(Path::getNameCount).reversed())
                    .toList();
            for (Path entry : foreign) {
                delete(entry);
            }
            removed = foreign.size();
        }
        System.out.printf("%s: %d entries of other platforms removed, %.1f MB -> %.1f MB (kept %s)%n",
                jar.getFileName(), removed, before / 1e6, Files.size(jar) / 1e6,
                String.join(", ", List.of(args).subList(2, args.length)));
    }

    private static boolean isUnder(String entry, List<String> folders) {
        return folders.stream().anyMatch(folder -> entry.equals(folder) || entry.startsWith(folder + "/"));
    }

    private static boolean isAncestorOfKept(String entry, List<String> folders) {
        return folders.stream().anyMatch(folder -> folder.startsWith(entry + "/"));
    }

    private static void delete(Path entry) {
        try {
            Files.delete(entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String trimSlashes(String path) {
        return path.replaceAll("^/+|/+$", "");
    }

    private static void fail(String message) {
        System.err.println("KeepNativeLibraries: " + message);
        System.exit(1);
    }
}
