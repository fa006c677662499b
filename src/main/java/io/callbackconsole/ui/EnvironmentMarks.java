package io.callbackconsole.ui;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.EnvironmentMark;
import io.callbackconsole.ui.common.WindowWords;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the window keeps the environment marks operators give profiles (production, staging, …), so the header's colour
 * follows the profile from one start to the next. Both methods are blocking: call them off the FX thread.
 */
public interface EnvironmentMarks {

    /** Every saved mark, by {@link #keyOf}. */
    Map<String, EnvironmentMark> load() throws Exception;

    /** Saves {@code mark} for the profile {@code profileKey} names; {@link EnvironmentMark#UNMARKED} removes it. */
    void save(String profileKey, EnvironmentMark mark) throws Exception;

    /** The key a connection's mark is kept under: its profile's name, or "(default chain)" when none is named. */
    static String keyOf(ConnectionSettings settings) {
        return settings.profile() == null ? "(default chain)" : settings.profile();
    }

    /** What the window calls {@code mark}, in choosers and the header: "Production". */
    static String label(EnvironmentMark mark) {
        return switch (mark) {
            case SANDBOX -> WindowWords.text("mark.sandbox");
            case PRODUCTION -> WindowWords.text("mark.production");
            case STAGING -> WindowWords.text("mark.staging");
            case DEVELOPMENT -> WindowWords.text("mark.development");
            case UNMARKED -> WindowWords.text("mark.unmarked");
        };
    }

    /** The mark of {@code settings} among {@code marks}: the sandbox is always the sandbox. */
    static EnvironmentMark markOf(ConnectionSettings settings, Map<String, EnvironmentMark> marks) {
        if (settings.sandbox()) {
            return EnvironmentMark.SANDBOX;
        }
        return marks.getOrDefault(keyOf(settings), EnvironmentMark.UNMARKED);
    }

    /** Marks kept for the life of the process only: for tests and windows without a data directory. */
    static EnvironmentMarks inMemory() {
        Map<String, EnvironmentMark> marks = new ConcurrentHashMap<>();
        return new EnvironmentMarks() {
            @Override
            public Map<String, EnvironmentMark> load() {
                return Map.copyOf(marks);
            }

            @Override
            public void save(String profileKey, EnvironmentMark mark) {
                if (mark == EnvironmentMark.UNMARKED) {
                    marks.remove(profileKey);
                } else {
                    marks.put(profileKey, mark);
                }
            }
        };
    }
}
