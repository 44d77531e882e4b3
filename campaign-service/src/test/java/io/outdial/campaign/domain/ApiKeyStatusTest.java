package io.outdial.campaign.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An API key's life: status, what a rotation leaves the old key, when a use is written, what is shown of the secret. */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class ApiKeyStatusTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @Test
    void revocationOutranksExpiryAndExpiryOutranksRotation() {
        assertEquals(ApiKeyStatus.ACTIVE, ApiKeyStatus.of(null, null, false, NOW));
        assertEquals(ApiKeyStatus.ACTIVE, ApiKeyStatus.of(null, NOW.plusSeconds(1), false, NOW));
        assertEquals(ApiKeyStatus.ROTATED, ApiKeyStatus.of(null, NOW.plusSeconds(1), true, NOW));
        assertEquals(ApiKeyStatus.EXPIRED, ApiKeyStatus.of(null, NOW, true, NOW), "a key expires at its expiresAt, not after");
        assertEquals(ApiKeyStatus.EXPIRED, ApiKeyStatus.of(null, NOW.minusSeconds(1), false, NOW));
        assertEquals(ApiKeyStatus.REVOKED, ApiKeyStatus.of(NOW.minusSeconds(5), NOW.minusSeconds(1), true, NOW));
        assertTrue(ApiKeyStatus.ROTATED.accepted());
        assertFalse(ApiKeyStatus.EXPIRED.accepted());
        assertEquals("rotated", ApiKeyStatus.ROTATED.wire());
    }

    @Test
    void aRotatedKeyStopsAtTheEndOfTheGraceOrItsOwnEarlierExpiry() {
        Duration grace = Duration.ofHours(24);
        assertEquals(NOW.plus(grace), ApiKeys.rotatedKeyExpiry(NOW, grace, null));
        assertEquals(NOW.plus(grace), ApiKeys.rotatedKeyExpiry(NOW, grace, NOW.plus(Duration.ofDays(30))));
        assertEquals(NOW.plusSeconds(60), ApiKeys.rotatedKeyExpiry(NOW, grace, NOW.plusSeconds(60)));
        assertEquals(NOW, ApiKeys.rotatedKeyExpiry(NOW, Duration.ZERO, null));
    }

    @Test
    void aUseIsWrittenOncePerInterval() {
        Duration minute = Duration.ofMinutes(1);
        assertTrue(ApiKeys.useIsDue(null, NOW, minute), "a key never used");
        assertFalse(ApiKeys.useIsDue(NOW.minusSeconds(59), NOW, minute));
        assertTrue(ApiKeys.useIsDue(NOW.minusSeconds(60), NOW, minute));
        assertFalse(ApiKeys.useIsDue(NOW.plusSeconds(5), NOW, minute), "a later use written by another replica");
    }

    @Test
    void thePrefixShowsAtMostTenCharactersAndAQuarterOfTheKey() {
        String generated = ApiKeys.generate();
        assertEquals(generated.substring(0, 10), ApiKeys.prefix(generated));
        assertTrue(generated.startsWith("odk_"));
        assertEquals("loca", ApiKeys.prefix("local-dev-key-42"));
        assertNull(ApiKeys.prefix("abc"));
    }
}
