package io.callbackconsole.history;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local {@link HeadWitness}: a text file beside the history ({@code history.db.witness}), one {@code SEQ:HASH}
 * line per committed write transaction, only ever appended to, owner-only (0600) on POSIX file systems as every file
 * of the data directory. About 75 bytes per write transaction.
 *
 * <p>It catches a history cut or rewritten in {@code history.db} by someone who does not also edit this file. It does
 * not catch an editor who changes both (or deletes both), nor rows cut before the witness existed.
 */
public final class FileHeadWitness implements HeadWitness {
    private static final Logger log = LoggerFactory.getLogger(FileHeadWitness.class);
    static final String SUFFIX = ".witness";
    /** The longest line: an 18-digit seq, a colon, 64 hex digits, a newline. */
    private static final int MAX_LINE = 18 + 1 + 64 + 1;

    private final Path file;

    public FileHeadWitness(Path file) {
        this.file = Objects.requireNonNull(file, "file").toAbsolutePath().normalize();
    }

    /** The witness of the history in {@code databaseFile}: {@code databaseFile + ".witness"}. */
    public static FileHeadWitness besides(Path databaseFile) {
        Path db = databaseFile.toAbsolutePath().normalize();
        return new FileHeadWitness(db.resolveSibling(db.getFileName() + SUFFIX));
    }

    public Path file() {
        return file;
    }

    /** Appends the head and forces it to disk; a failure is logged, never thrown (the write is committed already). */
    @Override
    public void witness(ChainHead head) {
        Objects.requireNonNull(head, "head");
        try {
            append(head);
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not add head {} to the history's witness {} ({}); verify will report the chain as going"
                    + " past the last witnessed head", head, file, e.toString());
        }
    }

    private void append(ChainHead head) throws IOException {
        createOwnerOnly();
        byte[] line = (head + "\n").getBytes(StandardCharsets.US_ASCII);
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer buffer = ByteBuffer.wrap(line);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(false);
        }
    }

    /** Created 0600 from the start (not tightened later), so no other user can ever open it. */
    private void createOwnerOnly() throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(
                        Set.copyOf(PosixFilePermissions.fromString("rw-------"))));
            } else {
                Files.createFile(file);
            }
        } catch (java.nio.file.FileAlreadyExistsException raced) {
            // Another console of the same data directory created it first; appending to it is right.
        }
    }

    /**
     * Every head in the file, in the order witnessed; empty when there is no file. A last line without its newline
     * (the console stopped while writing it) is left out.
     *
     * @throws IllegalStateException when a complete line is not a head: the file was edited
     */
    @Override
    public List<ChainHead> heads() {
        List<ChainHead> heads = new ArrayList<>();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (NoSuchFileException e) {
            return heads;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the history's witness " + file + ": " + e.getMessage(), e);
        }
        try (BufferedReader lines = new BufferedReader(new java.io.StringReader(text))) {
            int number = 0;
            int end = text.lastIndexOf('\n') + 1; // past the last complete line
            int read = 0;
            for (String line = lines.readLine(); line != null && read < end; line = lines.readLine()) {
                number++;
                read += line.length() + 1;
                try {
                    heads.add(ChainHead.parse(line));
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("The history's witness " + file + " has a line that is not a"
                            + " head (line " + number + "): it was edited. " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a string
        }
        return heads;
    }

    /** Reads only the file's tail: the last complete line is at most {@value #MAX_LINE} bytes. */
    @Override
    public java.util.Optional<ChainHead> lastHead() {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            int length = (int) Math.min(size, MAX_LINE * 2L);
            ByteBuffer tail = ByteBuffer.allocate(length);
            while (tail.hasRemaining() && in.read(tail, size - length + tail.position()) >= 0) {
                // until the tail is read
            }
            String text = new String(tail.array(), 0, tail.position(), StandardCharsets.US_ASCII);
            int end = text.lastIndexOf('\n');
            if (end < 0) {
                return java.util.Optional.empty();
            }
            String line = text.substring(text.lastIndexOf('\n', end - 1) + 1, end);
            return java.util.Optional.of(ChainHead.parse(line));
        } catch (NoSuchFileException e) {
            return java.util.Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the history's witness " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("The history's witness " + file + " ends in a line that is not a head:"
                    + " it was edited. " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "file " + file;
    }
}
