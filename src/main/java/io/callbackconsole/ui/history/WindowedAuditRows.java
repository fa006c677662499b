package io.callbackconsole.ui.history;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.ObservableListBase;

/**
 * The rows (raw events or decisions) of one filter and sort, as a list the size of the whole result that holds only the pages the table has
 * asked for. A row not loaded yet reads as null (an empty line) and its page is fetched in the background; when it
 * arrives the rows are replaced and the table redraws them. So a million-row history costs a few pages of memory.
 * FX thread only.
 */
final class WindowedAuditRows<T> extends ObservableListBase<T> {
    static final int PAGE_SIZE = 200;
    private static final int PAGES_KEPT = 50;

    /** Fetches one page off the FX thread and hands it back on the FX thread. */
    @FunctionalInterface
    interface PageFetcher<T> {
        void fetch(long offset, int limit, java.util.function.Consumer<List<T>> onLoaded);
    }

    private int size;
    private PageFetcher<T> fetcher = (offset, limit, onLoaded) -> { };
    /** Bumped on every reset, so a page fetched for an earlier filter or sort is dropped. */
    private long generation;
    private final Set<Integer> loading = new HashSet<>();
    private final Map<Integer, List<T>> pages = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, List<T>> eldest) {
            return size() > PAGES_KEPT;
        }
    };

    /**
     * Shows another result: its size, the rows from offset 0 (fetched together with the count so the table never
     * goes blank) and where further pages come from. The list stays the same object, so the table keeps its sort
     * order and columns.
     */
    void reset(long newSize, List<T> firstPage, PageFetcher<T> newFetcher) {
        int oldSize = size;
        generation++;
        pages.clear();
        loading.clear();
        // A TableView indexes with int; 2^31 journal rows is beyond any console's life.
        size = (int) Math.min(newSize, Integer.MAX_VALUE);
        fetcher = newFetcher;
        if (!firstPage.isEmpty()) {
            pages.put(0, List.copyOf(firstPage));
        }
        beginChange();
        if (oldSize > 0) {
            nextRemove(0, Collections.nCopies(oldSize, (T) null));
        }
        if (size > 0) {
            nextAdd(0, size);
        }
        endChange();
    }

    /**
     * Changes the size only (the count of the same result became exact), keeping the pages loaded: a page holds what
     * the database returned for its offset whatever the size was, and rows past the old end are fetched when shown.
     */
    void resize(long newSize) {
        int oldSize = size;
        int resized = (int) Math.min(newSize, Integer.MAX_VALUE);
        if (resized == oldSize) {
            return;
        }
        size = resized;
        beginChange();
        if (resized > oldSize) {
            nextAdd(oldSize, resized);
        } else {
            nextRemove(resized, Collections.nCopies(oldSize - resized, (T) null));
        }
        endChange();
    }

    @Override
    public T get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("Row " + index + " of " + size);
        }
        int page = index / PAGE_SIZE;
        List<T> rows = pages.get(page);
        if (rows == null) {
            load(page);
            return null;
        }
        int inPage = index % PAGE_SIZE;
        return inPage < rows.size() ? rows.get(inPage) : null;
    }

    @Override
    public int size() {
        return size;
    }

    /** True when the row is in memory (tests and copy actions use it). */
    boolean isLoaded(int index) {
        List<T> rows = pages.get(index / PAGE_SIZE);
        return rows != null && index % PAGE_SIZE < rows.size();
    }

    private void load(int page) {
        if (!loading.add(page)) {
            return;
        }
        long offset = (long) page * PAGE_SIZE;
        long requested = generation;
        fetcher.fetch(offset, PAGE_SIZE, rows -> {
            if (requested != generation) {
                return;
            }
            loading.remove(page);
            pages.put(page, List.copyOf(rows));
            int from = (int) offset;
            int to = (int) Math.min(size, offset + PAGE_SIZE);
            if (from < to) {
                List<T> before = new ArrayList<>(Collections.nCopies(to - from, (T) null));
                beginChange();
                nextReplace(from, to, before);
                endChange();
            }
        });
    }
}
