import java.io.DataInputStream;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Rewrites the classes of a jar compiled for Java 5 or older (class file version 49 and below, picocli's and
 * commons-logging's) as version 50 with stack maps, in place, so the AOT cache can hold them: the JVM leaves out of
 * the cache the classes it cannot verify when the cache is made, and those classes have no stack maps to verify with;
 * each start then loads and verifies them from the jar again ({@code -Xlog:class+load} shows them with their jar as
 * source: picocli's 172, on the main thread before the window's environment is ready). Only the version and the
 * stack maps change; the code is the same. Version 50 is the one the JVM still verifies the old way when its stack
 * maps do not verify, so a class this gets wrong loads as before. A class whose stack maps cannot be computed is left
 * as it was, and so is a signed jar. packaging/build.sh runs it (a source file, on the packaging JDK 25: the class
 * file API is final from JDK 24) on the image's jars before the training run.
 *
 * <p>Usage: {@code java UpgradeOldClasses.java JAR...}
 */
public final class UpgradeOldClasses {
    private static final int FIRST_VERIFIABLE = ClassFile.JAVA_6_VERSION;

    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            upgrade(Path.of(arg));
        }
    }

    /** Whether a class in {@code jar} is older than version 50, from the first 8 bytes of each (cheap on big jars). */
    private static boolean hasOldClasses(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                if (!entry.getName().endsWith(".class") || entry.getName().startsWith("META-INF/")) {
                    continue;
                }
                try (DataInputStream in = new DataInputStream(zip.getInputStream(entry))) {
                    if (in.readInt() == 0xCAFEBABE && in.readUnsignedShort() >= 0
                            && in.readUnsignedShort() < FIRST_VERIFIABLE) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void upgrade(Path jar) throws IOException {
        if (!hasOldClasses(jar)) {
            return;
        }
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + jar.toUri()), Map.of());
             URLClassLoader classes = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            List<Path> entries;
            try (Stream<Path> walk = Files.walk(zip.getPath("/"))) {
                entries = walk.filter(Files::isRegularFile).toList();
            }
            if (entries.stream().anyMatch(entry -> entry.toString().matches("/META-INF/[^/]+\\.(SF|RSA|DSA|EC)"))) {
                return;
            }
            // Stack maps name the common supertype of two branches: found in the JDK, else in this jar.
            ClassFile classFile = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(classes))));
            int upgraded = 0;
            int kept = 0;
            for (Path entry : entries) {
                if (!entry.toString().endsWith(".class") || entry.toString().startsWith("/META-INF/")) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(entry);
                ClassModel model = classFile.parse(bytes);
                if (model.majorVersion() >= FIRST_VERIFIABLE) {
                    continue;
                }
                byte[] rewritten;
                try {
                    rewritten = classFile.transformClass(model, UpgradeOldClasses::withStackMaps);
                    classFile.verify(rewritten).stream().findFirst().ifPresent(error -> {
                        throw new IllegalStateException(error);
                    });
                } catch (RuntimeException e) {
                    kept++;
                    System.err.println(jar.getFileName() + ": " + entry + " left at version " + model.majorVersion()
                            + ": " + e.getMessage());
                    continue;
                }
                Files.write(entry, rewritten);
                upgraded++;
            }
            if (upgraded + kept > 0) {
                System.out.println(jar.getFileName() + ": " + upgraded + " classes from before Java 6 given stack maps"
                        + (kept > 0 ? ", " + kept + " left as they were" : ""));
            }
        }
    }

    /** Version 50, and every method's code built again, which computes its stack maps. */
    private static void withStackMaps(java.lang.classfile.ClassBuilder builder, java.lang.classfile.ClassElement element) {
        if (element instanceof ClassFileVersion version) {
            builder.withVersion(FIRST_VERIFIABLE, version.minorVersion());
        } else if (element instanceof MethodModel method && method.code().isPresent()) {
            // Not CodeTransform.ACCEPT_ALL, which copies the code as it is: each instruction is written again.
            builder.transformMethod(method, MethodTransform.transformingCode((code, instruction) -> code.with(instruction)));
        } else {
            builder.with(element);
        }
    }
}
