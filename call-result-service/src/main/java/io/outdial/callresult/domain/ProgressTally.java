package io.outdial.callresult.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * How a batch of settled attempts moves contacts' progress and campaigns' counters, applied in
 * the batch's order: a contact attempted twice in one batch is counted as called once, exactly as
 * if its attempts had come in two batches.
 */
public final class ProgressTally {

    /** One settled attempt: its contact in the campaign, and whether it completed the contact and was answered. */
    public record Attempt(UUID member, UUID campaign, boolean completed, boolean answered) {
    }

    /** What was recorded of a contact before the batch. */
    public record Progress(boolean completed, boolean answered) {
    }

    /** The change of one contact's progress: attempts to add, and its flags after the batch. */
    public record ContactChange(UUID member, UUID campaign, int attempts, boolean completed, boolean answered) {
    }

    /** The batch's changes: one per contact and one per campaign, each in id order (the order rows are locked in). */
    public record Changes(List<ContactChange> contacts, Map<UUID, Tally> campaigns) {
    }

    private ProgressTally() {
    }

    public static Changes of(List<Attempt> attempts, Map<UUID, Progress> before) {
        Map<UUID, ContactChange> contacts = new TreeMap<>();
        Map<UUID, Tally> campaigns = new TreeMap<>();
        for (Attempt attempt : attempts) {
            ContactChange seen = contacts.get(attempt.member());
            Progress was = before.get(attempt.member());
            boolean known = seen != null || was != null;
            boolean completedBefore = seen != null ? seen.completed() : was != null && was.completed();
            boolean answeredBefore = seen != null ? seen.answered() : was != null && was.answered();
            Tally tally = Tally.of(known, completedBefore, answeredBefore, attempt.completed(), attempt.answered());
            contacts.put(attempt.member(), new ContactChange(attempt.member(), attempt.campaign(),
                    (seen == null ? 0 : seen.attempts()) + 1, completedBefore || attempt.completed(),
                    answeredBefore || attempt.answered()));
            campaigns.merge(attempt.campaign(), tally, Tally::plus);
        }
        return new Changes(new ArrayList<>(contacts.values()), campaigns);
    }
}
