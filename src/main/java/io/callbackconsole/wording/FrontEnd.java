package io.callbackconsole.wording;

/** Who shows the words: they differ only where one presses a key and the other runs a command. */
public enum FrontEnd {
    WINDOW("window"),
    TERMINAL("terminal");

    private final String key;

    FrontEnd(String key) {
        this.key = key;
    }

    /** The suffix of a bundle key that this front end words in its own way ("result.notPending.window"). */
    public String key() {
        return key;
    }
}
