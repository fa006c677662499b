package io.callbackconsole.domain;

import java.util.Objects;

/** An output parameter a callback step declares in its pipeline definition ({@code OutputName}, {@code OutputType}). */
public record DeclaredOutput(String name, OutputType type) {
    public DeclaredOutput {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
