package io.callbackconsole.history;

import java.util.List;
import java.util.Objects;

/**
 * What walking the hash chain found: either every row matches, or the first row that does not and why; and whether
 * the heads noted earlier and the witness's heads are on the chain.
 *
 * @param rowsVerified  rows that matched before the walk stopped (all of them when intact)
 * @param headSeq       the last row that matched, 0 when none did
 * @param headHash      its hash, or {@link AuditChain#GENESIS} when none matched
 * @param firstBadSeq   the first row that does not match (or the first missing number), null when the chain is intact
 * @param problem       what is wrong with the chain, for a person; null when it is intact
 * @param expectedHeads each head the caller expected ({@code verify --expect-head}), in the order given
 * @param witness       the witness's heads against the chain; null when no witness was consulted
 */
public record ChainVerification(long rowsVerified, long headSeq, String headHash, Long firstBadSeq, String problem,
                                List<HeadCheck> expectedHeads, WitnessCheck witness) {

    public ChainVerification {
        expectedHeads = List.copyOf(Objects.requireNonNull(expectedHeads, "expectedHeads"));
    }

    /** The chain's rows all match. Says nothing about heads noted earlier: see {@link #intact()}. */
    public boolean chainIntact() {
        return problem == null;
    }

    /** The chain is intact, every expected head is on it, and so is every head the witness kept. */
    public boolean intact() {
        return chainIntact() && expectedHeads.stream().allMatch(HeadCheck::holds)
                && (witness == null || witness.holds());
    }

    /** The last row that matched, as {@code SEQ:HASH}. */
    public ChainHead head() {
        return new ChainHead(headSeq, headHash);
    }

    /**
     * "N rows verified, head SEQ:HASH", or where and how the chain breaks; then a line for each expected head and one
     * for the witness.
     */
    public String summary() {
        StringBuilder text = new StringBuilder(chainIntact() ? rowsVerified + " rows verified, head " + head()
                : "The history does not verify: " + problem + " (" + rowsVerified + " rows before it verified"
                + (headSeq == 0 ? "" : ", up to head " + head()) + ")");
        for (HeadCheck check : expectedHeads) {
            text.append('\n').append("Expected ").append(check.describe());
        }
        if (witness != null) {
            text.append('\n').append(witness.describe());
        }
        return text.toString();
    }
}
