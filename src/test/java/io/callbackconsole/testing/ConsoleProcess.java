package io.callbackconsole.testing;

import static org.assertj.core.api.Assertions.fail;

import io.callbackconsole.sandbox.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The console as an operator's terminal runs it: a child JVM on this test's class path, its input closed, its output
 * and errors in files. The tests that launch the console differ only in their arguments and environment, which this
 * builder takes; how the child is started, awaited and read is written once here.
 */
public final class ConsoleProcess {
    /** The launcher every console command goes through. */
    public static final String LAUNCHER = "io.callbackconsole.app.CallbackConsole";

    /** How a finished command ended: its exit code and everything it printed. */
    public record Run(int exitCode, String stdout, String stderr) {
    }

    /** A started child and the files its output and errors go to. */
    public record Child(Process process, Path out, Path err) {
        /** Waits for the child to end by itself, then reads what it printed; the files are left for the caller. */
        public Run finish(Duration timeout) throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                // Not left running to slow the next test; what it printed says where it hung.
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                fail("The command did not end by itself within %s; it printed:%n%s%n%s", timeout,
                        Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        }
    }

    private final List<String> command = new ArrayList<>();
    private final List<Consumer<Map<String, String>>> environment = new ArrayList<>();

    private ConsoleProcess(String mainClass, List<String> jvmOptions) {
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
    }

    /** {@code CallbackConsole args…}. */
    public static ConsoleProcess console(String... args) {
        return new ConsoleProcess(LAUNCHER, List.of()).args(args);
    }

    /** Another main class of the product or the tests, with JVM options before it. */
    public static ConsoleProcess main(String mainClass, List<String> jvmOptions, List<String> args) {
        return new ConsoleProcess(mainClass, jvmOptions).args(args.toArray(String[]::new));
    }

    public ConsoleProcess args(String... more) {
        command.addAll(List.of(more));
        return this;
    }

    /** The flags that point a command at the sandbox's region, SQS, SageMaker and STS, and every queue it has. */
    public ConsoleProcess sandboxConnection(Sandbox sandbox) {
        args("--region", sandbox.region(), "--endpoint-sqs", sandbox.sqsEndpoint().toString(),
                "--endpoint-sagemaker", sandbox.sageMakerEndpoint().toString(),
                "--endpoint-sts", sandbox.stsEndpoint().toString());
        sandbox.queueUrls().forEach(q -> args("--queue", q));
        return this;
    }

    /** The sandbox's static keys, and no profile of the machine's own to pick instead. */
    public ConsoleProcess sandboxCredentials() {
        return environment(env -> {
            env.put("AWS_ACCESS_KEY_ID", "sandbox");
            env.put("AWS_SECRET_ACCESS_KEY", "sandbox");
            env.remove("AWS_PROFILE");
        });
    }

    /**
     * A team history's password from {@code PGPASSWORD} alone: the machine's other {@code PG*} settings removed and the
     * password file pointed at {@code absentPassFile}, so nothing of the machine's own is read.
     */
    public ConsoleProcess postgresPassword(String password, Path absentPassFile) {
        return environment(env -> {
            env.keySet().removeIf(name -> name.startsWith("PG"));
            env.put("PGPASSWORD", password);
            env.put("PGPASSFILE", absentPassFile.toString());
        });
    }

    /** Where the console keeps its data when no {@code --data-dir} says. */
    public ConsoleProcess home(Path dataDir) {
        return env("CALLBACK_CONSOLE_HOME", dataDir.toString());
    }

    public ConsoleProcess env(String name, String value) {
        return environment(env -> env.put(name, value));
    }

    /** Any other change to the child's environment, applied in the order given. */
    public ConsoleProcess environment(Consumer<Map<String, String>> change) {
        environment.add(change);
        return this;
    }

    /** The command and its environment, for a test that reads the child's output as it comes. */
    public ProcessBuilder processBuilder() {
        ProcessBuilder builder = new ProcessBuilder(command);
        environment.forEach(change -> change.accept(builder.environment()));
        return builder;
    }

    /** Starts the child, its output and errors in new files in {@code folder}. */
    public Child start(Path folder) throws IOException {
        ProcessBuilder builder = processBuilder();
        Path out = Files.createTempFile(folder, "stdout", ".txt");
        Path err = Files.createTempFile(folder, "stderr", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        return new Child(process, out, err);
    }

    /** Runs the command to its end, its output files in {@code folder}. */
    public Run run(Path folder, Duration timeout) throws IOException, InterruptedException {
        return recorded(start(folder).finish(timeout));
    }

    private Run recorded(Run run) {
        Transcript.record(command.subList(command.indexOf("-cp") + 3, command.size()), run.exitCode(), run.stdout(),
                run.stderr());
        return run;
    }

    /** Runs the command to its end, its output in temporary files deleted afterwards. */
    public Run run(Duration timeout) throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("console-process");
        Child child = start(folder);
        try {
            return recorded(child.finish(timeout));
        } finally {
            Files.deleteIfExists(child.out());
            Files.deleteIfExists(child.err());
            Files.deleteIfExists(folder);
        }
    }
}
