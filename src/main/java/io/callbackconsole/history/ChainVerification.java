package io.callbackconsole.history;

/**
 * What walking the hash chain found: either every row matches, or the first row that does not and why.
 *
 * @param rowsVerified rows that matched before the walk stopped (all of them when intact)
 * @param headSeq      the last row that matched, 0 when none did
 * @param headHash     its hash, or {@link AuditChain#GENESIS} when none matched
 * @param firstBadSeq  the first row that does not match (or the first missing number), null when intact
 * @param problem      what is wrong, for a person; null when intact
 */
public record ChainVerification(long rowsVerified, long headSeq, String headHash, Long firstBadSeq, String problem) {

    public boolean intact() {
        return problem == null;
    }

    /** "N rows verified, head <hash>", or where and how the chain breaks. */
    public String summary() {
        if (intact()) {
            return rowsVerified + " rows verified, head " + headHash;
        }
        return "The history does not verify: " + problem + " (" + rowsVerified + " rows before it verified"
                + (headSeq == 0 ? "" : ", up to seq " + headSeq + " with hash " + headHash) + ")";
    }
}
