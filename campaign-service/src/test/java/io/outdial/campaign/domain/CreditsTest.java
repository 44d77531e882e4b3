package io.outdial.campaign.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class CreditsTest {

    @Test
    void creditIsTheCapMinusContactsInFlight() {
        assertEquals(3, Credits.available(3, 0, null));
        assertEquals(1, Credits.available(3, 2, null));
        assertEquals(0, Credits.available(3, 3, null));
        assertEquals(0, Credits.available(3, 5, null), "a lowered cap never gives negative credit");
    }

    @Test
    void runBudgetCapsTheCredit() {
        assertEquals(2, Credits.available(10, 0, 2));
        assertEquals(0, Credits.available(10, 0, 0));
        assertEquals(1, Credits.available(2, 1, 5));
    }

    @Test
    void callerIdsRotateFromTheCursor() {
        List<String> numbers = List.of("+1", "+2", "+3");
        assertEquals(List.of("+2", "+3", "+1", "+2"), Credits.rotate(numbers, 1, 4));
        assertEquals(List.of("+3"), Credits.rotate(numbers, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> Credits.rotate(List.of(), 0, 1));
    }
}
