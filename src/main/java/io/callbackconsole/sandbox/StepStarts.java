package io.callbackconsole.sandbox;

/**
 * What starting a step needs from outside one execution: a global start order, unique tokens, and how the
 * sandbox runs the steps it does not simulate (no-ops that take a while, or fail when a rehearsal asks).
 */
interface StepStarts {
    long nextSequence();

    /** A fresh callback token, registered so answers to it find {@code run}. */
    String issueCallbackToken(StepRun run);

    /** Why a no-op step of this name is to fail in this rehearsal, or null when it succeeds. */
    String rehearsedFailure(PipelineDefinition.Step step);

    /**
     * Arranges for a no-op step to finish later ({@link Execution#finishNoOp}).
     *
     * @return false when no-op steps finish at once, and {@code run} is to finish now
     */
    boolean finishLater(StepRun run);
}
