package io.callbackconsole.domain;

/** The {@code OutputType} a callback step declares for an output parameter in its pipeline definition. */
public enum OutputType {
    STRING("String"),
    INTEGER("Integer"),
    BOOLEAN("Boolean"),
    FLOAT("Float");

    private final String wireValue;

    OutputType(String wireValue) {
        this.wireValue = wireValue;
    }

    public String wireValue() {
        return wireValue;
    }

    /** The declared type; a missing or unknown one is taken as String, which accepts any value. */
    public static OutputType fromWire(String value) {
        for (OutputType type : values()) {
            if (type.wireValue.equalsIgnoreCase(value == null ? "" : value.trim())) {
                return type;
            }
        }
        return STRING;
    }

    /** Why {@code text} is not a value of this type, or null when it is. */
    public String problemWith(String text) {
        String trimmed = text == null ? "" : text.trim();
        return switch (this) {
            case STRING -> null;
            case INTEGER -> trimmed.matches("[+-]?[0-9]+") ? null : "must be a whole number, such as 42";
            case FLOAT -> trimmed.matches("[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?")
                    ? null : "must be a number, such as 0.75";
            case BOOLEAN -> trimmed.equals("true") || trimmed.equals("false") ? null : "must be true or false";
        };
    }
}
