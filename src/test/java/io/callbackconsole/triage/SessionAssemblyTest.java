package io.callbackconsole.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.callbackconsole.aws.ConnectionSettings;
import io.callbackconsole.testing.TestPollerSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The composition root's lifecycle: parts close in the reverse order of opening; a failed opening leaks nothing. */
class SessionAssemblyTest {
    final List<String> closed = new ArrayList<>();

    AutoCloseable named(String name) {
        return () -> closed.add(name);
    }

    @Test
    void resourcesCloseLastOpenedFirstAndAFailingCloseStopsNoOther() {
        SessionResources resources = new SessionResources();
        resources.opened(named("history"));
        resources.opened(() -> {
            closed.add("clients");
            throw new IllegalStateException("cannot close");
        });
        resources.opened(named("poller"));
        resources.opened(named("retries"));

        resources.close();

        assertThat(closed).containsExactly("retries", "poller", "clients", "history");
        resources.close();
        assertThat(closed).as("each is closed once").hasSize(4);
    }

    @Test
    void aSessionThatCannotOpenItsHistoryClosesWhatItWasGivenAndSaysWhy() {
        ConnectionSettings settings = ConnectionSettings.sandboxToStart();

        assertThatThrownBy(() -> ConsoleSession.open(settings, () -> {
            throw new IllegalStateException("history locked by another console");
        }, TestPollerSettings.NO_SCHEDULE, named("sandbox"), named("its queues")))
                .isInstanceOf(IllegalStateException.class).hasMessage("history locked by another console");

        assertThat(closed).as("closed after everything else, in the order given")
                .containsExactly("sandbox", "its queues");
    }
}
