package io.callbackconsole.cli;

/**
 * Marks a command whose output scripts read: its stdout holds only results and its stderr only its own one-sentence
 * errors, so the launcher keeps log lines off the terminal for it.
 */
public interface ScriptCommand {
}
