package io.callbackconsole.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The figures that need a JVM of their own: the Pending table under Monocle, cold start, the audit benchmark. */
final class ChildProcesses {
    private static final Pattern WINDOW_SHOWN = Pattern.compile("Window shown (\\d+) ms after the JVM started"
            + " \\((\\d+) ms of CPU on this thread, (\\d+) ms in the process\\)");

    private ChildProcesses() {
    }

    private static List<String> java(String... jvmArgs) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(List.of(jvmArgs));
        return command;
    }

    private static String run(List<String> command, String display, int timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (display != null) {
            builder.environment().put("DISPLAY", display);
        }
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        String text = new String(output);
        if (process.exitValue() != 0) {
            throw new IllegalStateException("exit " + process.exitValue() + " of " + command.get(command.size() - 1)
                    + ":\n" + text);
        }
        return text;
    }

    static List<Figure> pendingTable(int rows, int runs) throws Exception {
        ConsoleBenchmark.log("pending table: %d rows under Monocle", rows);
        String output = run(java("-Xmx1g", "-Dglass.platform=Monocle", "-Dmonocle.platform=Headless",
                "-Dprism.order=sw", "-Dprism.text=t2k", "-Djava.awt.headless=true",
                "-Dcallbackconsole.stderr.level=WARN", PendingTableProbe.class.getName(),
                Integer.toString(rows), Integer.toString(Math.max(runs, 10))), null, 900);
        Samples apply = new Samples();
        Samples filter = new Samples();
        Samples applyCpu = new Samples();
        Samples filterCpu = new Samples();
        Samples heap = new Samples();
        for (String line : output.split("\n")) {
            String[] parts = line.trim().split(" ");
            switch (parts[0]) {
                case "APPLY_MS" -> apply.add(Double.parseDouble(parts[1]));
                case "FILTER_MS" -> filter.add(Double.parseDouble(parts[1]));
                case "APPLY_CPU_MS" -> applyCpu.add(Double.parseDouble(parts[1]));
                case "FILTER_CPU_MS" -> filterCpu.add(Double.parseDouble(parts[1]));
                case "HEAP_MIB" -> heap.add(Double.parseDouble(parts[1]));
                default -> { }
            }
        }
        if (apply.isEmpty() || heap.isEmpty()) {
            throw new IllegalStateException("the table probe printed no figures:\n" + output);
        }
        String n = String.format(Locale.ROOT, "%,d", rows).replace(',', ' ');
        return List.of(
                new Figure("pending table, " + n + " rows (Monocle): snapshot applied → next pulse", "ms", apply,
                        null, null, "—", "< 50 ms median", apply.median() < 50),
                new Figure("pending table, " + n + " rows: one filter keystroke → next pulse", "ms", filter,
                        null, null, "—", "< 50 ms median", filter.median() < 50),
                // The FX thread's own CPU time over the same spans: what a loaded machine disturbs least.
                new Figure("pending table, " + n + " rows: FX-thread CPU, snapshot applied → next pulse", "ms",
                        applyCpu, null, null, "—", "—", null),
                new Figure("pending table, " + n + " rows: FX-thread CPU, one filter keystroke", "ms", filterCpu,
                        null, null, "—", "—", null),
                new Figure("heap after a full GC with " + n + " pending rows", "MiB", heap, null, null, "—",
                        "< 256 MB", heap.median() < 256));
    }

    static List<Figure> coldStart(int runs, Path scratch) throws Exception {
        Process xvfb = null;
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            display = ":" + (90 + (int) (ProcessHandle.current().pid() % 9));
            xvfb = new ProcessBuilder("Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp")
                    .redirectErrorStream(true).redirectOutput(scratch.resolve("xvfb.log").toFile()).start();
            Thread.sleep(1500);
        }
        try {
            ShownSamples console = new ShownSamples();
            ShownSamples bare = new ShownSamples();
            ShownSamples controls = new ShownSamples();
            ShownSamples themed = new ShownSamples();
            // One unmeasured run each, so all start with warm file caches.
            for (int run = 0; run <= runs; run++) {
                Path dataDir = Files.createTempDirectory(scratch, "start");
                Shown c = windowShown(run(java("io.callbackconsole.app.CallbackConsole", "--sandbox", "--smoke",
                        "--data-dir", dataDir.toString()), display, 120));
                Shown b = windowShown(run(java(BareWindow.class.getName()), display, 120));
                Shown k = windowShown(run(java(BareWindow.class.getName(), "controls"), display, 120));
                Shown t = windowShown(run(java(BareWindow.class.getName(), "controls", "themed"), display, 120));
                if (run > 0) {
                    console.add(c);
                    bare.add(b);
                    controls.add(k);
                    themed.add(t);
                    ConsoleBenchmark.log("cold start run %d: console %s, bare window %s, controls window %s, themed"
                            + " controls window %s", run, c, b, k, t);
                }
            }
            double gap = console.wall.median() - bare.wall.median();
            return List.of(new Figure("cold start: JVM start → main window shown, sandbox mode", "ms", console.wall,
                    bare.wall, "bare JavaFX window, same JVM set-up", plusMs(gap),
                    "< 1.5 s, and within 0.3 s of the bare window", console.wall.median() < 1500 && gap <= 300),
                    // How much of the gap JavaFX's own controls take, before any console code runs.
                    new Figure("cold start of a window with the same kinds of JavaFX controls and no console code",
                            "ms", controls.wall, bare.wall, "bare JavaFX window, same JVM set-up",
                            plusMs(controls.wall.median() - bare.wall.median()), "—", null),
                    // What the console's look costs the first frame by itself: the same controls, the same JVM.
                    new Figure("cold start of that controls window in the console's theme (AtlantaFX Primer Light)",
                            "ms", themed.wall, controls.wall, "the controls window in JavaFX's Modena",
                            plusMs(themed.wall.median() - controls.wall.median()), "—", null),
                    // CPU time up to the window: what a busy machine's wall clock hides.
                    new Figure("cold start: the FX thread's CPU time until the main window is shown", "ms",
                            console.fxCpu, bare.fxCpu, "bare JavaFX window",
                            plusMs(console.fxCpu.median() - bare.fxCpu.median()), "—", null),
                    new Figure("cold start: the process's CPU time until the main window is shown", "ms",
                            console.processCpu, bare.processCpu, "bare JavaFX window",
                            plusMs(console.processCpu.median() - bare.processCpu.median()), "—", null),
                    new Figure("FX thread's CPU time until the controls window is shown, console's theme", "ms",
                            themed.fxCpu, controls.fxCpu, "the controls window in Modena",
                            plusMs(themed.fxCpu.median() - controls.fxCpu.median()), "—", null));
        } finally {
            if (xvfb != null) {
                xvfb.destroy();
                xvfb.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static String plusMs(double difference) {
        return String.format(Locale.ROOT, "%+.0f ms", difference);
    }

    /** One window's "Window shown" line: JVM start → shown, and the CPU its FX thread and its process had used. */
    private record Shown(double wall, double fxCpu, double processCpu) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.0f ms (CPU: FX thread %.0f, process %.0f)", wall, fxCpu, processCpu);
        }
    }

    private static final class ShownSamples {
        final Samples wall = new Samples();
        final Samples fxCpu = new Samples();
        final Samples processCpu = new Samples();

        void add(Shown shown) {
            wall.add(shown.wall());
            fxCpu.add(shown.fxCpu());
            processCpu.add(shown.processCpu());
        }
    }

    private static Shown windowShown(String output) {
        Matcher m = WINDOW_SHOWN.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("no \"Window shown\" line with CPU times in:\n" + output);
        }
        return new Shown(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                Double.parseDouble(m.group(3)));
    }

    /** The audit figures as table rows, and everything the benchmark printed as a note under the table. */
    record Audit(List<Figure> figures, String note) {
    }

    static Audit audit(int rows, int rounds, Path scratch) throws Exception {
        ConsoleBenchmark.log("audit: AuditBenchmark with %d rows, %d rounds", rows, rounds);
        Path dir = Files.createTempDirectory(scratch, "audit");
        String output = run(java("-Xmx512m", "-Dcallbackconsole.stderr.level=WARN",
                "io.callbackconsole.history.bench.AuditBenchmark", Integer.toString(rows), dir.toString(),
                Integer.toString(rounds)), null, 3600);
        deleteQuietly(dir);
        List<Figure> figures = AuditFigures.figures(AuditFigures.parse(output), rows);
        return new Audit(figures, "Audit figures (`history/bench/AuditBenchmark`, " + rows + " rows, " + rounds
                + " rounds; goals in the audit-history issue):\n\n```\n" + AuditFigures.text(output) + "\n```");
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: left behind at worst
        }
    }
}
