package io.outdial.contract.calls;

import java.util.List;

/**
 * A page of call records with the total that match the filter. {@code nextCursor}: where the next
 * page starts (pass it as {@code cursor}), null on the last page.
 */
public record CallRecordPage(List<CallRecord> calls, long total, int limit, int offset, String nextCursor) {
}
