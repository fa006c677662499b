package io.callbackconsole.history;

import io.callbackconsole.domain.ConnectionId;
import io.callbackconsole.domain.Outcome;
import io.callbackconsole.domain.Submission;
import io.callbackconsole.history.HistoryUnavailableException.Problem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.callbackconsole.history.SampleSubmissions.CONSOLE_VERSION;
import static io.callbackconsole.history.SampleSubmissions.MORNING;
import static io.callbackconsole.history.SampleSubmissions.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The history on a real full disk: a 600 KiB tmpfs (mounting one needs root; the test is skipped without it). A bulk
 * run that would not fit is refused before it starts; a write that meets the full disk throws DISK_FULL and loses no
 * row written before it, and a batch that fails writes none of its rows.
 */
class HistoryFullDiskTest {
    @TempDir
    Path dir;
    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        mount = Files.createDirectory(dir.resolve("small-disk"));
        mounted = run("mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", mount.toString());
        assumeTrue(mounted, "mounting a tmpfs is not permitted here (needs root)");
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            assertThat(run("umount", mount.toString())).as("unmounted").isTrue();
        }
    }

    private static boolean run(String... command) throws Exception {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (java.io.IOException noSuchCommand) {
            return false;
        }
    }

    @Test
    void aBulkRunWhoseJournalWouldNotFitIsRefusedWithHowMuchItNeeds() {
        try (HistoryStore store = HistoryStore.open(mount.resolve("history.db"), CONSOLE_VERSION)) {
            HistoryUnavailableException refused = catchThrowableOfType(() -> store.ensureRoomFor(200),
                    HistoryUnavailableException.class);
            assertThat(refused.problem()).isEqualTo(Problem.DISK_FULL);
            assertThat(refused.getMessage()).contains("Journaling 200 decision(s) needs about")
                    .contains("KiB are free").contains("nothing was sent").contains("--data-dir");
            assertThatThrownBy(() -> store.ensureRoomFor(-1)).isInstanceOf(IllegalArgumentException.class);
        }
        // Where there is room, the same run passes.
        try (HistoryStore roomy = HistoryStore.open(dir.resolve("roomy/history.db"), CONSOLE_VERSION)) {
            roomy.ensureRoomFor(200);
        }
    }

    @Test
    void aWriteThatMeetsTheFullDiskThrowsDiskFullAndLosesNoEarlierRow() {
        Path file = mount.resolve("history.db");
        List<Submission> written = new ArrayList<>();
        HistoryUnavailableException full = null;
        try (HistoryStore store = HistoryStore.open(file, CONSOLE_VERSION)) {
            for (int i = 0; i < 5_000 && full == null; i++) {
                Submission next = decision(String.format("Tok%07d", i), "request-token-" + i + "-0123456789abcdefgh",
                        MORNING.plusSeconds(i));
                try {
                    store.recordIntent(next);
                    written.add(next);
                } catch (HistoryUnavailableException e) {
                    full = e;
                }
            }
            assertThat(full).as("the 600 KiB disk fills up").isNotNull();
            assertThat(full.problem()).isEqualTo(Problem.DISK_FULL);
            assertThat(full.getMessage()).contains("the disk is full");
            assertThat(written).isNotEmpty();

            // A batch meets the full disk as a whole: none of its rows is written.
            JournalBatch batch = new JournalBatch();
            Submission inBatch = decision("BatchTok01", MORNING);
            batch.intent(inBatch, "Step");
            batch.outcome(inBatch.requestToken(), new Outcome.NotSent("Cancelled", "Cancelled."), MORNING);
            assertThatThrownBy(() -> store.append(batch)).isInstanceOf(HistoryUnavailableException.class)
                    .extracting(e -> ((HistoryUnavailableException) e).problem()).isEqualTo(Problem.DISK_FULL);
            assertThat(store.find(inBatch.requestToken())).isEmpty();
            assertThat(store.unsettledSubmissions(ConnectionId.sandbox())).containsExactlyElementsOf(written);
        }
        try (HistoryStore reopened = HistoryStore.open(file, CONSOLE_VERSION,
                HistoryOptions.defaults().asReadOnly())) {
            assertThat(reopened.unsettledSubmissions(ConnectionId.sandbox())).containsExactlyElementsOf(written);
        }
        try (AuditLog log = AuditLog.open(file)) {
            assertThat(log.verify().intact()).isTrue();
        }
    }
}
