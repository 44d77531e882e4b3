package io.outdial.campaign.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class ProgressSnapshotTest {

    private static ProgressSnapshot snapshot(String status, long total, long completed) {
        return new ProgressSnapshot(UUID.randomUUID(), status, null, total, total, completed, completed, 0, 10, false);
    }

    @Test
    void aCompletedCampaignsStreamEndsOnlyOnceItsCountersCaughtUp() {
        assertFalse(snapshot("completed", 40, 31).finished(), "counters still arriving from call-result-service");
        assertTrue(snapshot("completed", 40, 40).finished());
    }

    @Test
    void cancelledOrDeletedEndsAtOnceAndRunningOrPausedNever() {
        assertTrue(snapshot("cancelled", 40, 3).finished());
        assertTrue(ProgressSnapshot.goneFrom(snapshot("running", 40, 3), UUID.randomUUID()).finished());
        assertFalse(snapshot("running", 40, 40).finished());
        assertFalse(snapshot("paused", 40, 0).finished());
    }
}
