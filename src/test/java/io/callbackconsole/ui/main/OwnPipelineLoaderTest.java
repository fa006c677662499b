package io.callbackconsole.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import io.callbackconsole.domain.InvalidInputException;
import io.callbackconsole.ui.OwnPipelines;
import io.callbackconsole.ui.common.task.CurrentThreadTaskExecutor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Load pipeline…: what the notice says, and that only a loaded pipeline restarts the sandbox. */
class OwnPipelineLoaderTest {
    final AtomicInteger restarts = new AtomicInteger();

    OwnPipelineLoader loader(OwnPipelines pipelines) {
        return new OwnPipelineLoader(pipelines, new CurrentThreadTaskExecutor(), restarts::incrementAndGet);
    }

    static OwnPipelines adding(String name) {
        return new OwnPipelines() {
            @Override
            public String add(Path definitionFile) {
                return name;
            }

            @Override
            public List<String> names() {
                return List.of(name);
            }
        };
    }

    @Test
    void aLoadedPipelineIsNamedEscapedAndTheSandboxRestartsWithIt() {
        OwnPipelineLoader loader = loader(adding("review\u202Eevil"));

        loader.load(Path.of("defs", "review.json"));

        assertThat(loader.noticeProperty().get()).startsWith("Pipeline review")
                .doesNotContain("\u202E").contains("is loaded: the sandbox restarts with it");
        assertThat(restarts).hasValue(1);
    }

    @Test
    void aDefinitionThatDoesNotLoadSaysWhyAndLeavesTheSandboxRunning() {
        OwnPipelineLoader loader = loader(new OwnPipelines() {
            @Override
            public String add(Path definitionFile) {
                throw new InvalidInputException("Step Review has no CallbackStep type\u001b[2K");
            }

            @Override
            public List<String> names() {
                return List.of();
            }
        });

        loader.load(Path.of("broken.json"));

        assertThat(loader.noticeProperty().get()).startsWith("The pipeline was not loaded: Step Review has no")
                .doesNotContain("\u001b").endsWith("Fix the definition and load it again.");
        assertThat(restarts).as("nothing loaded, nothing restarted").hasValue(0);
    }
}
