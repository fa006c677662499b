package io.callbackconsole.ui.common;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TitledPane;

/**
 * Builds a part of a window the first time it is seen. The first frame then styles and lays out only what it shows:
 * every node in a scene is styled, hidden or not. The parts' view models are live from the start, so a part built
 * later shows current state at once. FX thread.
 */
public final class LazyContent {
    private LazyContent() {
    }

    /** Gives {@code tab} its content when it is first selected (at once if it is selected now). */
    public static void onFirstSelection(Tab tab, Supplier<? extends Node> content) {
        whenFirst(tab.selectedProperty(), Boolean.TRUE::equals, content, tab::setContent);
    }

    /** Gives {@code pane} its content when it first becomes visible (at once if it is visible now). */
    public static void whenFirstVisible(TitledPane pane, Supplier<? extends Node> content) {
        whenFirst(pane.visibleProperty(), Boolean.TRUE::equals, content, pane::setContent);
    }

    /** Builds {@code content} and hands it to {@code attach} once {@code value} is first non-null (at once if it is). */
    public static void whenFirstSet(ObservableValue<?> value, Supplier<? extends Node> content,
            Consumer<? super Node> attach) {
        whenFirst(value, Objects::nonNull, content, attach);
    }

    private static <T> void whenFirst(ObservableValue<T> value, Predicate<? super T> holds,
            Supplier<? extends Node> content, Consumer<? super Node> attach) {
        if (holds.test(value.getValue())) {
            attach.accept(content.get());
            return;
        }
        value.addListener(new ChangeListener<T>() {
            @Override
            public void changed(ObservableValue<? extends T> observable, T old, T now) {
                if (holds.test(now)) {
                    observable.removeListener(this);
                    attach.accept(content.get());
                }
            }
        });
    }
}
