package io.callbackconsole.ui.main;

import io.callbackconsole.domain.DisplayText;
import io.callbackconsole.ui.OwnPipelines;
import io.callbackconsole.ui.common.WindowWords;
import io.callbackconsole.ui.common.task.BackgroundTask;
import io.callbackconsole.ui.common.task.TaskExecutor;
import java.nio.file.Path;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load pipeline…: adds a pipeline definition of the operator's own to the sandbox and has the sandbox restart with it
 * (its earlier executions go: the sandbox keeps nothing), saying what came of it. The file is read off the FX thread;
 * everything else runs on it.
 */
final class OwnPipelineLoader {
    private static final Logger log = LoggerFactory.getLogger(OwnPipelineLoader.class);

    private final OwnPipelines pipelines;
    private final TaskExecutor tasks;
    private final Runnable restartSandbox;
    private final StringProperty notice = new SimpleStringProperty("");

    /** @param restartSandbox connects to a fresh sandbox, which runs every pipeline added so far */
    OwnPipelineLoader(OwnPipelines pipelines, TaskExecutor tasks, Runnable restartSandbox) {
        this.pipelines = pipelines;
        this.tasks = tasks;
        this.restartSandbox = restartSandbox;
    }

    void load(Path definitionFile) {
        tasks.execute(BackgroundTask.of(() -> pipelines.add(definitionFile))
                .named("load the pipeline " + definitionFile)
                .onSuccess(name -> {
                    notice.set(WindowWords.text("ownPipeline.loaded", DisplayText.escape(name),
                            DisplayText.escape(definitionFile.toString())));
                    restartSandbox.run();
                })
                .onFailure(error -> {
                    log.warn("The pipeline {} was not loaded", definitionFile, error);
                    notice.set(WindowWords.text("ownPipeline.notLoaded", DisplayText.escape(error.getMessage())));
                }));
    }

    /** What loading a pipeline did; the operator may clear it. */
    StringProperty noticeProperty() {
        return notice;
    }
}
