package io.outdial.campaign.domain;

import java.util.UUID;

/**
 * A campaign's status and counters at one reading, as its live event stream shows them: two equal
 * snapshots mean nothing changed. {@code callsInProgress} are calls claimed and not yet settled
 * (the concurrency in use, against {@code maxConcurrentCalls}). A {@code gone} campaign was deleted.
 */
public record ProgressSnapshot(UUID campaignId, String status, String pauseReason, long totalContacts, long contactsCalled,
        long contactsCompleted, long contactsAnswered, long callsInProgress, int maxConcurrentCalls, boolean gone) {

    /** A campaign that no longer exists (or was deleted) while it was watched. */
    public static ProgressSnapshot goneFrom(ProgressSnapshot last, UUID campaignId) {
        return last == null ? new ProgressSnapshot(campaignId, null, null, 0, 0, 0, 0, 0, 0, true)
                : new ProgressSnapshot(campaignId, last.status, last.pauseReason, last.totalContacts, last.contactsCalled,
                        last.contactsCompleted, last.contactsAnswered, last.callsInProgress, last.maxConcurrentCalls, true);
    }

    /**
     * Nothing more will happen that a watcher waits for: the campaign was cancelled or deleted, or it
     * completed and its counters caught up. The counters are folded by call-result-service and may
     * arrive after the status turned {@code completed}; a stream that ended then would show them short.
     */
    public boolean finished() {
        return gone || CampaignStatus.CANCELLED.wireName().equals(status)
                || (CampaignStatus.COMPLETED.wireName().equals(status) && contactsCompleted >= totalContacts);
    }

    public boolean statusDiffers(ProgressSnapshot other) {
        return other != null && !java.util.Objects.equals(status, other.status);
    }
}
