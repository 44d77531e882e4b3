package io.outdial.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.CallRinging;
import io.outdial.contract.events.CallSkipped;
import io.outdial.contract.events.ContactSettled;

/** What the fault run reads from a campaign's events: who holds calls, and when the campaign moved again. */
class CampaignCallsTest {

    private static final Instant T0 = Instant.parse("2026-11-27T15:00:00Z");
    private final CampaignCalls calls = new CampaignCalls("camp");

    private static Instant at(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    private void initiated(String id, String dialer, double at) {
        calls.apply(new CallInitiated(id, "camp", "m-" + id, "c-" + id, 1, "+14155550100", "+12125550100", dialer, 2, 0,
                at(at), Map.of()));
    }

    private void ringing(String id, double at) {
        calls.apply(new CallRinging(id, "camp", at(at)));
    }

    private void ended(String id, CallOutcome outcome, String reason, double at) {
        calls.apply(new CallEnded(id, "camp", "m-" + id, "c-" + id, 1, outcome, reason, at(at), 0, 0, null));
    }

    private void settled(String id, ContactSettled.Settlement settlement, double at) {
        calls.apply(new ContactSettled(id, "camp", "m-" + id, "c-" + id, 1, settlement, "completed", CallOutcome.ANSWERED, null,
                at(at)));
    }

    @Test
    void aKilledDialersCallsAreHeldUntilTheirLeasesRunOutAndTheirSettlementsFreeTheSlots() {
        // Left to its lease by an earlier crash of the same dialer: not one of this kill's.
        initiated("earlier", "dialer-1-x", -60);
        ringing("earlier", -60);
        ended("earlier", CallOutcome.ERROR, CallEnded.LEASE_EXPIRED, -30);
        settled("earlier", ContactSettled.Settlement.RETRY, -29);
        initiated("a", "dialer-1-x", 0);
        ringing("a", 0.1);
        initiated("b", "dialer-1-x", 1);
        ringing("b", 1.1);
        initiated("c", "dialer-2-x", 1);
        ringing("c", 1.1);
        initiated("done", "dialer-1-x", 0);
        ringing("done", 0.1);
        ended("done", CallOutcome.ANSWERED, "hangup", 2);
        initiated("unclaimed", "dialer-1-x", 4.9);
        assertEquals(Map.of("dialer-1-x", 2, "dialer-2-x", 1), calls.inProgressByDialer(),
                "placed and not ended; a call still waiting for its claim is not held");

        // dialer-1 killed at 5 s; its two calls run out their leases at 30 s and 31 s. The command it
        // had not claimed yet comes back to dialer-2, which finds it expired.
        Instant killed = at(5);
        calls.apply(new CallSkipped("unclaimed", "camp", "m-unclaimed", "c-unclaimed", 1, "expired", at(16)));
        ended("a", CallOutcome.ERROR, CallEnded.LEASE_EXPIRED, 30);
        ended("b", CallOutcome.ERROR, CallEnded.LEASE_EXPIRED, 31);
        settled("a", ContactSettled.Settlement.RETRY, 30.5);
        assertEquals(1, calls.unresolved("dialer-1-x", killed), "b still holds its slot");
        settled("b", ContactSettled.Settlement.RETRY, 31.4);
        assertEquals(0, calls.unresolved("dialer-1-x", killed));

        CampaignCalls.Held held = calls.held("dialer-1-x", killed);
        assertEquals(2, held.calls());
        assertEquals(at(31), held.lastLeaseExpiredAt());
        assertEquals(at(31.4), held.lastSettledAt());
        assertEquals(Optional.of("dialer-1-x"), calls.dialerId("dialer-1-"));
    }

    @Test
    void progressIsTheFirstSettlementOfACallPlacedAfterTheFaultNotOfOneReleased() {
        initiated("before", "dialer-1-x", 0);
        settled("before", ContactSettled.Settlement.DONE, 6);
        initiated("refused", "dialer-2-x", 7);
        ended("refused", CallOutcome.NOT_DIALED, "claim_refused", 7.1);
        settled("refused", ContactSettled.Settlement.RELEASED, 7.2);
        initiated("after", "dialer-2-x", 8);
        ended("after", CallOutcome.ANSWERED, "hangup", 9);
        settled("after", ContactSettled.Settlement.DONE, 9.5);

        Instant fault = at(5);
        assertEquals(Optional.of(at(8)), calls.firstPlacedAfter(fault));
        assertEquals(Optional.of(at(9.5)), calls.firstSettledAfter(fault));
        assertEquals(Optional.of(at(7)), calls.firstInitiatedAfter(fault, "dialer-1-x"));
        assertEquals(4.5, CampaignCalls.seconds(fault, calls.firstSettledAfter(fault)));
    }

    @Test
    void aCommandRedeliveredToAnotherDialerKeepsTheCallWithItsFirstDialer() {
        initiated("a", "dialer-1-x", 0);
        ringing("a", 0.1);
        initiated("a", "dialer-2-x", 12);
        assertEquals(Map.of("dialer-1-x", 1), calls.inProgressByDialer());
        assertNull(calls.held("dialer-1-x", at(5)).lastSettledAt());
    }
}
