package io.outdial.contract.calls;

import java.util.List;

/** A page of call records with the total that match the filter. */
public record CallRecordPage(List<CallRecord> calls, long total, int limit, int offset) {
}
