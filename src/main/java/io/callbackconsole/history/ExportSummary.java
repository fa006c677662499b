package io.callbackconsole.history;

import java.time.Instant;

/**
 * What an export wrote, as its header states it.
 *
 * @param rows          data rows written (what the filter matched at that moment)
 * @param chainHeadSeq  the newest row of the whole history when exporting, 0 for an empty history
 * @param chainHeadHash its hash, or {@link AuditChain#GENESIS}
 */
public record ExportSummary(ExportFormat format, long rows, Instant exportedAt, long chainHeadSeq, String chainHeadHash) {
}
