package io.callbackconsole.history;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Streams the rows of an export to a stream in order, read on one connection or on two at once. Reading a row's
 * columns through the driver (a JNI call and a new array per column) is most of an export's time, and stepping over
 * a row without reading it costs a fifth of that. So with two connections both run the same query on the same
 * snapshot and step through every row, and each reads and formats every other chunk of rows: the caller's thread
 * writes its chunks straight to the stream, a helper thread formats the others into memory and hands them over, at
 * most two chunks ahead. The heap holds a few chunks whatever the row count.
 */
final class ExportRowStream {
    /** The current row's values, numbered from 1 as JDBC numbers columns. */
    interface Row {
        /** The value as UTF-8 bytes (an integer as its decimal digits), or null for NULL. */
        byte[] bytes(int column) throws SQLException;

        /** An integer column's value, or null for NULL. */
        Long number(int column) throws SQLException;
    }

    /** The current row of a result set, as the export reads it: a TEXT value's bytes, an INTEGER's digits. */
    static Row of(ResultSet rows) {
        return new Row() {
            @Override
            public byte[] bytes(int column) throws SQLException {
                return rows.getBytes(column);
            }

            @Override
            public Long number(int column) throws SQLException {
                long number = rows.getLong(column);
                return rows.wasNull() ? null : number;
            }
        };
    }

    /** Writes rows in one export format to the stream it was made for. */
    interface RowWriter {
        void row(Row row) throws SQLException, IOException;

        /** Hands everything buffered to the stream. */
        void flush() throws IOException;
    }

    /** Makes a {@link RowWriter} for a stream. */
    @FunctionalInterface
    interface RowFormat {
        RowWriter writingTo(OutputStream out) throws IOException;
    }

    /** Binds the parameters of the query on a connection's statement. */
    @FunctionalInterface
    interface Parameters {
        void bind(PreparedStatement statement) throws SQLException;
    }

    private static final int HANDED_OVER_AHEAD = 2;

    private final String sql;
    private final Parameters parameters;
    private final RowFormat format;
    private final int chunkRows;

    ExportRowStream(String sql, Parameters parameters, RowFormat format, int chunkRows) {
        if (chunkRows < 1) {
            throw new IllegalArgumentException("A chunk holds at least one row; got " + chunkRows + ".");
        }
        this.sql = sql;
        this.parameters = parameters;
        this.format = format;
        this.chunkRows = chunkRows;
    }

    /**
     * Writes every row the query returns on {@code mine}, the helper reading on {@code helper} when it is not null
     * (it must be in a read transaction on the same state of the file; it is closed here). Returns the rows written.
     */
    long writeTo(OutputStream out, Connection mine, Connection helper) throws SQLException, IOException {
        if (helper == null) {
            return readChunks(mine, out, 0, 1, null);
        }
        BlockingQueue<Handover> handed = new ArrayBlockingQueue<>(HANDED_OVER_AHEAD);
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> readOtherChunks(helper, handed, stop), "export-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            long written = readChunks(mine, out, 0, 2, handed);
            Handover last = take(handed);
            if (last.failure() != null) {
                throw rethrown(last.failure());
            }
            if (last.chunk() != null || last.rowsSeen() != written) {
                throw new IllegalStateException("The two readers of the export saw different rows (" + written
                        + " and " + last.rowsSeen() + "); the file is incomplete.");
            }
            return written;
        } finally {
            stop.set(true);
            handed.clear(); // lets a helper waiting to hand over see the stop
            joinQuietly(reader);
        }
    }

    /**
     * Steps through every row, formatting the rows of chunks {@code k} with {@code k % readers == reader}. The
     * caller's reader (0) writes them straight to {@code out} and, at the end of each chunk of the helper, writes
     * the helper's chunk as handed over.
     */
    private long readChunks(Connection c, OutputStream out, int reader, int readers, BlockingQueue<Handover> handed)
            throws SQLException, IOException {
        RowWriter writer = format.writingTo(out);
        long rows = 0;
        try (PreparedStatement select = c.prepareStatement(sql)) {
            parameters.bind(select);
            select.setFetchSize(chunkRows); // PostgreSQL's driver would otherwise hold every row in memory
            try (ResultSet result = select.executeQuery()) {
                Row row = of(result);
                while (result.next()) {
                    long chunk = rows / chunkRows;
                    if (chunk % readers == reader) {
                        writer.row(row);
                    }
                    rows++;
                    if (rows % chunkRows == 0 && chunk % readers != reader) {
                        writeHandedOver(writer, out, handed);
                    }
                }
            }
        }
        if (rows % chunkRows != 0 && (rows / chunkRows) % readers != reader) {
            writeHandedOver(writer, out, handed); // the last, partial chunk was the helper's
        }
        writer.flush();
        return rows;
    }

    private static void writeHandedOver(RowWriter writer, OutputStream out, BlockingQueue<Handover> handed)
            throws IOException, SQLException {
        Handover next = take(handed);
        if (next.failure() != null) {
            throw rethrown(next.failure());
        }
        if (next.chunk() == null) {
            throw new IllegalStateException("The export's second reader ended after " + next.rowsSeen()
                    + " rows, before the first; the file is incomplete.");
        }
        writer.flush();
        next.chunk().writeTo(out);
    }

    /** The helper: formats its chunks into memory and hands each over, then how many rows it saw (or its failure). */
    private void readOtherChunks(Connection c, BlockingQueue<Handover> handed, AtomicBoolean stop) {
        Handover end;
        try (c; PreparedStatement select = c.prepareStatement(sql)) {
            parameters.bind(select);
            long rows = 0;
            ByteArrayOutputStream chunk = new ByteArrayOutputStream(1 << 16);
            RowWriter writer = format.writingTo(chunk);
            try (ResultSet result = select.executeQuery()) {
                Row row = of(result);
                while (result.next() && !stop.get()) {
                    boolean mine = (rows / chunkRows) % 2 == 1;
                    if (mine) {
                        writer.row(row);
                    }
                    rows++;
                    if (mine && (rows % chunkRows == 0)) {
                        writer.flush();
                        if (!handOver(handed, new Handover(chunk, 0, null), stop)) {
                            return;
                        }
                        chunk = new ByteArrayOutputStream(1 << 16);
                        writer = format.writingTo(chunk);
                    }
                }
            }
            if (rows % chunkRows != 0 && (rows / chunkRows) % 2 == 1) {
                writer.flush();
                if (!handOver(handed, new Handover(chunk, 0, null), stop)) {
                    return;
                }
            }
            end = new Handover(null, rows, null);
        } catch (Throwable e) {
            end = new Handover(null, 0, e);
        }
        handOver(handed, end, stop);
    }

    /** Chunk bytes, or the end of the helper's rows (how many it saw, or why it failed). */
    private record Handover(ByteArrayOutputStream chunk, long rowsSeen, Throwable failure) {
    }

    private static boolean handOver(BlockingQueue<Handover> handed, Handover handover, AtomicBoolean stop) {
        try {
            while (!stop.get()) {
                if (handed.offer(handover, 100, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    private static Handover take(BlockingQueue<Handover> handed) throws IOException {
        try {
            return handed.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while exporting");
        }
    }

    private static RuntimeException rethrown(Throwable failure) throws IOException, SQLException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof SQLException sql) {
            throw sql;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        throw new IllegalStateException("The export's second reader failed: " + failure, failure);
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
