package io.callbackconsole.ui.connection;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.domain.EnvironmentMark;
import java.util.Objects;

/** What the operator chose in the Connect dialog: where to connect, and what kind of environment that profile is. */
public record ConnectionChoice(ConnectionSettings settings, EnvironmentMark mark) {
    public ConnectionChoice {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(mark, "mark");
    }
}
