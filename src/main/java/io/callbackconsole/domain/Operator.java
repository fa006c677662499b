package io.callbackconsole.domain;

/** Who sits at the console: the operating-system user that runs it. */
public record Operator(String name) {
    public Operator {
        if (name == null || name.isBlank()) {
            name = "unknown";
        }
    }

    public static Operator current() {
        return new Operator(System.getProperty("user.name"));
    }

    @Override
    public String toString() {
        return name;
    }
}
