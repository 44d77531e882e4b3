package io.outdial.dialer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LeaseBookTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long LEASE = 30 * SECOND;

    private final LeaseBook book = new LeaseBook(3 * SECOND);
    private final List<String> hungUp = new ArrayList<>();

    private TelephonyProvider.PlacedCall call(String id) {
        return reason -> hungUp.add(id + ":" + reason);
    }

    @Test
    void aLeaseIsRenewedOnceAThirdOfItHasRunAndAllAreRenewedTogether() {
        book.hold("a", "c", 0, LEASE);
        book.hold("b", "c", 5 * SECOND, LEASE);
        assertFalse(book.renewalDue(9 * SECOND));
        assertTrue(book.renewalDue(10 * SECOND), "a third of a's lease");
        assertEquals(2, book.held().size(), "one request renews every call held");
        book.renewed("a", 10 * SECOND, LEASE);
        book.renewed("b", 10 * SECOND, LEASE);
        assertFalse(book.renewalDue(19 * SECOND));
        assertTrue(book.renewalDue(20 * SECOND));
    }

    @Test
    void aCallIsHungUpByItselfMarginBeforeItsLeaseRunsOutOnTheMonotonicClock() {
        var a = book.hold("a", "c", 100 * SECOND, LEASE);
        book.attach(a, call("a"), "lease_lost");
        assertTrue(book.expiring(126 * SECOND).isEmpty());
        List<LeaseBook.Lease> expiring = book.expiring(127 * SECOND);
        assertEquals(List.of("a"), expiring.stream().map(LeaseBook.Lease::callId).toList(), "30 s lease, 3 s margin");
        expiring.forEach(l -> l.fence("lease_lost"));
        assertEquals(List.of("a:lease_lost"), hungUp);
        assertEquals(0, book.size());
        assertTrue(book.expiring(200 * SECOND).isEmpty(), "fenced once");
    }

    @Test
    void aRenewalExtendsFromWhenItWasAskedForNeverShortens() {
        book.hold("a", "c", 0, LEASE);
        book.renewed("a", 10 * SECOND, LEASE);
        assertTrue(book.expiring(36 * SECOND).isEmpty(), "runs to 40 s now");
        book.renewed("a", 5 * SECOND, LEASE); // a late answer to an older request
        assertTrue(book.expiring(36 * SECOND).isEmpty());
        assertEquals(1, book.expiring(37 * SECOND).size());
    }

    @Test
    void aLeaseLostBeforeItsCallIsPlacedHangsTheCallUpAsSoonAsItIs() {
        var a = book.hold("a", "c", 0, LEASE);
        LeaseBook.Lease lost = book.lose("a");
        lost.fence("lease_lost");
        assertTrue(hungUp.isEmpty(), "nothing to hang up yet");
        book.attach(a, call("a"), "lease_lost");
        assertEquals(List.of("a:lease_lost"), hungUp);
    }

    @Test
    void anEndedCallIsForgottenAndALateRenewalDoesNotBringItBack() {
        book.hold("a", "c", 0, LEASE);
        book.release("a");
        book.renewed("a", 10 * SECOND, LEASE);
        assertNull(book.lose("a"));
        assertEquals(0, book.size());
        assertFalse(book.renewalDue(Long.MAX_VALUE / 2));
    }
}
