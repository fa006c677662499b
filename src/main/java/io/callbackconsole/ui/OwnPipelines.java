package io.callbackconsole.ui;

import java.nio.file.Path;
import java.util.List;

/**
 * The pipelines of a team's own the window's sandbox runs besides the bundled ones. Adding one takes effect when the
 * sandbox next starts (the window reconnects to it). Blocking: call off the FX thread.
 */
public interface OwnPipelines {

    /**
     * Reads a definition file (the JSON of the SageMaker Python SDK's {@code pipeline.definition()}), checks it as
     * {@code CreatePipeline} would, and keeps it for every sandbox started from now on.
     *
     * @return the pipeline's name
     * @throws Exception with a message that names the file and what is wrong in it
     */
    String add(Path definitionFile) throws Exception;

    /** The names of the pipelines added so far. */
    List<String> names();

    /** A window without a sandbox launcher of its own (tests): nothing can be added. */
    static OwnPipelines none() {
        return new OwnPipelines() {
            @Override
            public String add(Path definitionFile) {
                throw new UnsupportedOperationException("This window's sandbox cannot load pipelines.");
            }

            @Override
            public List<String> names() {
                return List.of();
            }
        };
    }
}
