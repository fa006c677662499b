package io.callbackconsole.ui.common;

import javafx.application.Platform;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.util.Callback;

/**
 * Keeps a table's first column in view while the table scrolls sideways (TableView has no frozen columns): its header
 * and cells are shifted right by exactly the horizontal scroll and drawn over the columns that pass beneath them, on
 * an opaque background in the row's own colour ({@code .pinned-column} in console.css). The column stays first,
 * shown, and in the one table, so selection, sorting and keys work as for any column.
 */
public final class PinnedColumn {
    /** The style class of the pinned column's header and cells. */
    public static final String STYLE_CLASS = "pinned-column";

    private final TableView<?> table;
    private final TableColumn<?, ?> column;
    /** How far the table is scrolled sideways, in pixels: what the pinned nodes are shifted by. */
    private final DoubleProperty offset = new SimpleDoubleProperty();

    private PinnedColumn(TableView<?> table, TableColumn<?, ?> column) {
        this.table = table;
        this.column = column;
    }

    /**
     * Pins {@code column}, which must be the table's first, and wraps its cell factory so every cell it makes follows
     * the scroll. Call once, after the column's cell factory is set.
     */
    public static <S, T> PinnedColumn pin(TableView<S> table, TableColumn<S, T> column) {
        if (table.getColumns().isEmpty() || table.getColumns().get(0) != column) {
            throw new IllegalArgumentException("only the first column can be pinned");
        }
        PinnedColumn pinned = new PinnedColumn(table, column);
        column.getStyleClass().add(STYLE_CLASS);
        column.setReorderable(false);
        Callback<TableColumn<S, T>, TableCell<S, T>> cells = column.getCellFactory();
        column.setCellFactory(c -> {
            TableCell<S, T> cell = cells.call(c);
            pinned.follow(cell);
            return cell;
        });
        // Always shown and always first: hidden or moved, it would not be the column that stays in view.
        column.visibleProperty().addListener((obs, was, visible) -> {
            if (!visible) {
                column.setVisible(true);
            }
        });
        table.getColumns().addListener((ListChangeListener<TableColumn<S, ?>>) change -> {
            if (table.getColumns().indexOf(column) > 0) {
                Platform.runLater(() -> {
                    if (table.getColumns().remove(column)) {
                        table.getColumns().add(0, column);
                    }
                });
            }
        });
        pinned.offset.addListener((obs, old, x) -> pinned.shiftHeader());
        // The skin makes the scroll bar and the headers; headers are made again when columns change.
        table.skinProperty().addListener((obs, old, skin) -> Platform.runLater(pinned::findScrollBar));
        table.getVisibleLeafColumns().addListener((ListChangeListener<TableColumn<S, ?>>) change ->
                Platform.runLater(pinned::shiftHeader));
        if (table.getSkin() != null) {
            pinned.findScrollBar();
        }
        return pinned;
    }

    /** How far the pinned column is shifted now (the sideways scroll), in pixels. */
    public double offset() {
        return offset.get();
    }

    private void follow(Node cell) {
        cell.translateXProperty().bind(offset);
        // Drawn after (over) the other cells of its row, and picked first by the mouse.
        cell.setViewOrder(-1);
    }

    private void findScrollBar() {
        for (Node node : table.lookupAll(".scroll-bar")) {
            if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL
                    && bar.getParent() != null && bar.getParent().getStyleClass().contains("virtual-flow")) {
                offset.bind(bar.valueProperty());
                shiftHeader();
                return;
            }
        }
    }

    private void shiftHeader() {
        for (Node header : table.lookupAll(".column-header." + STYLE_CLASS)) {
            header.setTranslateX(offset.get());
            header.setViewOrder(-1);
        }
    }
}
