package io.callbackconsole.bench;

import java.nio.file.Path;
import java.util.List;

final class ChildProcesses {
    private ChildProcesses() {
    }

    static List<Figure> pendingTable(int rows, int runs) {
        return List.of();
    }

    static List<Figure> coldStart(int runs, Path scratch) {
        return List.of();
    }

    static String audit(int rows, Path scratch) {
        return "";
    }
}
