package io.outdial.campaign.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunReadinessTest {

    @Test
    void aRunNeedsCallerIdsAndContacts() {
        assertEquals("fromNumberIds", RunReadiness.check(0, 10).orElseThrow().field());
        assertEquals("fromNumberIds", RunReadiness.check(0, 0).orElseThrow().field(), "caller IDs are named first");
        assertEquals("contacts", RunReadiness.check(2, 0).orElseThrow().field());
        assertEquals(Optional.empty(), RunReadiness.check(1, 1));
    }
}
