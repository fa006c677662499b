package io.callbackconsole.ui.pending;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.testing.SandboxSessionExtension;
import io.callbackconsole.triage.CallbackPoller;
import io.callbackconsole.ui.common.task.FxTaskExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** A Find-waiting summary says when it was taken and goes once it is old, against a real sandbox scan. */
@ExtendWith(ApplicationExtension.class)
class DiscoverySummaryTest {
    @RegisterExtension
    final SandboxSessionExtension sandboxSession = SandboxSessionExtension.sandboxSession()
            .withPoller(CallbackPoller.PollerSettings.defaults());

    FxTaskExecutor tasks;

    @BeforeEach
    void open() {
        tasks = new FxTaskExecutor("discovery-test", 1, true);
    }

    @AfterEach
    void close() {
        tasks.close();
    }

    @Test
    void theSummarySaysWhenItWasTakenAndGoesWhenItIsOld(FxRobot robot) throws Exception {
        DiscoveryViewModel model = new DiscoveryViewModel(Duration.ofSeconds(2));
        robot.interact(() -> {
            model.attach(sandboxSession.session(), tasks);
            model.findWaiting();
        });

        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> model.progressProperty().get().startsWith("As of "));
        assertThat(model.progressProperty().get()).matches("As of \\d\\d:\\d\\d: 3 waiting callbacks in \\d+ "
                + "pipelines?, \\d+ new\\.");

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> model.progressProperty().get().isEmpty());
        assertThat(Platform.isFxApplicationThread()).isFalse();
    }
}
