package io.outdial.callresult.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.callresult.domain.ProgressTally.Attempt;
import io.outdial.callresult.domain.ProgressTally.ContactChange;
import io.outdial.callresult.domain.ProgressTally.Progress;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ProgressTallyTest {

    private static final UUID CAMPAIGN = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    private static final UUID OTHER_CAMPAIGN = UUID.fromString("00000000-0000-0000-0000-00000000000d");
    private static final UUID ANN = UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final UUID BOB = UUID.fromString("00000000-0000-0000-0000-000000000002");

    @Test
    void aContactAttemptedTwiceInOneBatchCountsAsIfItsAttemptsCameInTwoBatches() {
        var attempts = List.of(new Attempt(ANN, CAMPAIGN, false, false), new Attempt(ANN, CAMPAIGN, true, true));

        var changes = ProgressTally.of(attempts, Map.of());

        assertEquals(List.of(new ContactChange(ANN, CAMPAIGN, 2, true, true)), changes.contacts());
        assertEquals(Map.of(CAMPAIGN, new Tally(1, 1, 1)), changes.campaigns());
        var first = ProgressTally.of(attempts.subList(0, 1), Map.of());
        var second = ProgressTally.of(attempts.subList(1, 2), Map.of(ANN, new Progress(false, false)));
        assertEquals(changes.campaigns().get(CAMPAIGN), first.campaigns().get(CAMPAIGN).plus(second.campaigns().get(CAMPAIGN)));
    }

    @Test
    void aContactKnownBeforeIsNotCalledAgainAndCompletesOrAnswersOnce() {
        var changes = ProgressTally.of(List.of(new Attempt(ANN, CAMPAIGN, true, true), new Attempt(BOB, CAMPAIGN, true, false)),
                Map.of(ANN, new Progress(true, false), BOB, new Progress(false, false)));

        assertEquals(Map.of(CAMPAIGN, new Tally(0, 1, 1)), changes.campaigns());
        assertEquals(List.of(new ContactChange(ANN, CAMPAIGN, 1, true, true), new ContactChange(BOB, CAMPAIGN, 1, true, false)),
                changes.contacts());
    }

    @Test
    void campaignsAreCountedApartAndListedInIdOrder() {
        var changes = ProgressTally.of(List.of(new Attempt(BOB, OTHER_CAMPAIGN, false, false), new Attempt(ANN, CAMPAIGN, true, false)),
                Map.of());

        assertEquals(List.of(CAMPAIGN, OTHER_CAMPAIGN), List.copyOf(changes.campaigns().keySet()));
        assertEquals(new Tally(1, 1, 0), changes.campaigns().get(CAMPAIGN));
        assertEquals(new Tally(1, 0, 0), changes.campaigns().get(OTHER_CAMPAIGN));
        assertEquals(List.of(ANN, BOB), changes.contacts().stream().map(ContactChange::member).toList());
    }
}
