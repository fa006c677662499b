package io.callbackconsole.history;

import java.util.Objects;

/**
 * What the chain says about a head noted earlier ({@code verify --expect-head}, or a head the witness kept).
 *
 * @param expected    the head noted earlier
 * @param result      whether the chain still has it
 * @param actualHash  the hash row {@code expected.seq()} has now, null when there is no such row
 * @param rowsAfter   rows on the chain after it (for {@link Result#INTACT})
 */
public record HeadCheck(ChainHead expected, Result result, String actualHash, long rowsAfter) {

    public enum Result {
        /** Row SEQ has the expected hash, so every row up to it is as it was when the head was noted. */
        INTACT,
        /** The chain no longer reaches row SEQ: rows were deleted since (the history was cut). */
        CUT,
        /** Row SEQ has another hash: it, or a row before it, was rewritten since. */
        REWRITTEN,
        /** The chain breaks before row SEQ, so it could not be compared; the break is reported instead. */
        NOT_REACHED
    }

    public HeadCheck {
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(result, "result");
    }

    public boolean holds() {
        return result == Result.INTACT;
    }

    /** One sentence for a person. */
    public String describe() {
        return switch (result) {
            case INTACT -> "head " + expected + " is on the chain: intact and extended by " + rowsAfter
                    + (rowsAfter == 1 ? " row" : " rows");
            case CUT -> "head " + expected + " is missing: the history was cut (row " + expected.seq()
                    + " is gone; rows were deleted since the head was noted)";
            case REWRITTEN -> "head " + expected + " does not match: the history was rewritten (row " + expected.seq()
                    + " now has hash " + actualHash + ")";
            case NOT_REACHED -> "head " + expected + " not checked: the chain breaks before row " + expected.seq();
        };
    }
}
