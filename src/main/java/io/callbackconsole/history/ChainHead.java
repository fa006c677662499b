package io.callbackconsole.history;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A point on the hash chain: the row {@code seq} and its hash, written {@code SEQ:HASH}. An export header, every
 * {@code verify} and the witness state one, so a copy checked later can be compared against it. Seq 0 with
 * {@link AuditChain#GENESIS} is the head of an empty history.
 */
public record ChainHead(long seq, String hash) {
    private static final Pattern TEXT = Pattern.compile("(\\d{1,18}):([0-9a-f]{64})");

    public static final ChainHead EMPTY = new ChainHead(0, AuditChain.GENESIS);

    public ChainHead {
        Objects.requireNonNull(hash, "hash");
        if (seq < 0 || !hash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("A chain head is a seq of 0 or more and a 64-digit lowercase hex hash;"
                    + " got " + seq + ":" + hash + ".");
        }
    }

    /** Reads {@code SEQ:HASH} as {@link #toString()} writes it (the hash in lowercase hex). */
    public static ChainHead parse(String text) {
        Matcher m = TEXT.matcher(text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("A chain head is written SEQ:HASH, e.g. 1638:"
                    + "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08, as verify and every export"
                    + " state it; got \"" + text + "\".");
        }
        return new ChainHead(Long.parseLong(m.group(1)), m.group(2));
    }

    @Override
    public String toString() {
        return seq + ":" + hash;
    }
}
