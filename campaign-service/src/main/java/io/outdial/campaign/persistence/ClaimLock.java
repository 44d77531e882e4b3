package io.outdial.campaign.persistence;

/**
 * A campaign's claim lock: a transaction-scoped advisory lock keyed by the campaign. Claims of a
 * campaign take turns on it rather than on the campaign's row, so they do not wait for a release or
 * a counter snapshot holding the row, nor those for them. Every update of what a claim reads of the
 * campaign (status, window, cap, compliance, deletion) takes it too, by a trigger
 * (V11__claim_lock.sql, which uses the same key), so such a change waits for the claims in progress
 * and every claim after it sees it. A transaction that locks a campaign's queued contacts before it
 * changes the campaign takes this lock first, in the order a claim does, so the two cannot deadlock.
 */
public final class ClaimLock {

    private ClaimLock() {
    }

    /** The statement that takes the lock of the campaign whose id is {@code parameter} ({@code $1}, {@code ?1}). */
    public static String sql(String parameter) {
        return "SELECT count(*) FROM (SELECT pg_advisory_xact_lock(7301, hashtext(CAST(CAST(" + parameter
                + " AS uuid) AS text)))) AS held";
    }
}
