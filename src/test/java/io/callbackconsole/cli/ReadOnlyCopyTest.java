package io.callbackconsole.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.callbackconsole.domain.Action;
import io.callbackconsole.domain.CallbackToken;
import io.callbackconsole.domain.ClientRequestToken;
import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.FailureReason;
import io.callbackconsole.domain.Operator;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.PipelineExecutionArn;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An auditor checks a copy without being able to change it: {@code verify} and {@code history} read a history whose
 * file is 0444 in a 0555 directory, and leave every byte and the directory's listing as they were.
 *
 * <p>Root is not stopped by those modes (the kernel lets it write anyway, and Java's {@code Files.isWritable} says
 * so), so the console cannot tell the copy is meant to be read-only; run as root, the tests give {@code --immutable}
 * explicitly, which opens the file the same way ({@code mode=ro&immutable=1}) the console chooses by itself for a
 * non-root user. Either way the path proven is the one that opens a file in a directory no -wal or -shm can be
 * created in.
 */
class ReadOnlyCopyTest {
    private static final String ARN =
            "arn:aws:sagemaker:us-east-2:012345678901:pipeline/churn-model/execution/abc123def456";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    @TempDir
    Path dir;
    Path copyDir;
    Path copy;

    @BeforeEach
    void writeAHistoryAndCopyItReadOnly() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "needs POSIX modes");
        Path original = dir.resolve("data").resolve("history.db");
        try (HistoryStore store = HistoryStore.open(original, "test")) {
            for (int i = 0; i < 3; i++) {
                Submission s = new Submission(new ClientRequestToken("request-Tok" + i + "abcdef-0123456789abcdefghijkl"),
                        Action.FAIL, CallbackToken.of("Tok" + i + "abcdef"), PipelineExecutionArn.of(ARN),
                        FailureReason.of("Drift " + i), new Operator("alice"), ConnectionId.sandbox(),
                        T0.plusSeconds(60L * i));
                store.recordIntent(s);
                store.recordOutcome(s.requestToken(), new Outcome.Accepted(ARN, "req-" + i), T0.plusSeconds(60L * i + 1));
            }
        }
        // A name with a space and a '#', which a careless SQLite URI would cut short.
        copyDir = Files.createDirectory(dir.resolve("audit copy #1"));
        copy = copyDir.resolve("history.db");
        Files.copy(original, copy);
        Files.copy(original.resolveSibling("history.db.witness"), copyDir.resolve("history.db.witness"));
        try (Stream<Path> files = Files.list(copyDir)) {
            for (Path f : files.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("r--r--r--"));
            }
        }
        Files.setPosixFilePermissions(copyDir, PosixFilePermissions.fromString("r-xr-xr-x"));
    }

    @AfterEach
    void letTempDirCleanUp() throws IOException {
        if (copyDir != null && Files.exists(copyDir)) {
            Files.setPosixFilePermissions(copyDir, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private record Printed(int exitCode, String out, String err) {
    }

    private Printed run(Function<CommandEnvironment, Callable<Integer>> command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(command.apply(HistoryCommandTest.readingHistory(copy)));
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int code = line.execute(args);
        io.callbackconsole.testing.Transcript.record(java.util.List.of(args), code, out.toString(), err.toString());
        return new Printed(code, out.toString(), err.toString());
    }

    /** As root, say what a non-root user's console concludes from the modes by itself. */
    private static String[] asAuditor(String... args) {
        List<String> all = new ArrayList<>(Arrays.asList(args));
        if (ROOT) {
            all.add("--immutable");
        }
        return all.toArray(String[]::new);
    }

    @Test
    void verifyReadsTheCopyAndChangesNothing() throws IOException {
        Map<String, byte[]> before = contents(copyDir);

        Printed printed = run(VerifyCommand::new, asAuditor());

        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(printed.out()).contains("6 rows verified, head 6:")
                .contains("all 6 witnessed heads are on the chain");
        assertUnchanged(before);
    }

    @Test
    void historyReadsTheCopyAndChangesNothing() throws IOException {
        Map<String, byte[]> before = contents(copyDir);

        Printed decisions = run(HistoryCommand::new, asAuditor());
        Printed events = run(HistoryCommand::new, asAuditor("--events", "--search", "Drift"));

        assertThat(decisions.exitCode()).as(decisions.err()).isZero();
        assertThat(decisions.out().lines()).hasSize(4).anySatisfy(l -> assertThat(l).contains("Tok2abcdef"));
        assertThat(events.exitCode()).as(events.err()).isZero();
        assertThat(events.out()).contains("Drift 1");
        assertUnchanged(before);
    }

    @Test
    void aReadOnlyFileInAWritableDirectoryIsReadWithoutChangingIt() throws IOException {
        Files.setPosixFilePermissions(copyDir, PosixFilePermissions.fromString("rwx------"));
        Map<String, byte[]> before = contents(copyDir);

        Printed printed = run(VerifyCommand::new, asAuditor());

        assertThat(printed.exitCode()).as(printed.err()).isZero();
        assertThat(printed.out()).contains("6 rows verified, head 6:");
        assertUnchanged(before);
    }

    private void assertUnchanged(Map<String, byte[]> before) throws IOException {
        Map<String, byte[]> after = contents(copyDir);
        assertThat(after.keySet()).as("no -wal, -shm or journal left beside the copy").isEqualTo(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    private static Map<String, byte[]> contents(Path directory) throws IOException {
        Map<String, byte[]> contents = new TreeMap<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path f : files.toList()) {
                contents.put(f.getFileName().toString(), Files.readAllBytes(f));
            }
        }
        return contents;
    }
}
