package io.outdial.campaign.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/** API keys are random secrets shown once; only their SHA-256 and first characters are kept. */
public final class ApiKeys {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int PREFIX_LENGTH = 10;

    private ApiKeys() {
    }

    public static String generate() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return "odk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * The first characters of a key, kept in clear so that an operator can tell keys apart: at most
     * ten, and never more than a quarter of the key (a generated key keeps 256 bits hidden).
     */
    public static String prefix(String key) {
        int length = Math.min(PREFIX_LENGTH, key.length() / 4);
        return length == 0 ? null : key.substring(0, length);
    }

    /** Whether a key last used at {@code lastUsedAt} (null: never) should have its use recorded at {@code now}. */
    public static boolean useIsDue(Instant lastUsedAt, Instant now, Duration interval) {
        return lastUsedAt == null || !now.isBefore(lastUsedAt.plus(interval));
    }

    /** When a rotated key stops working: after the grace period, or at its own expiry if that comes first. */
    public static Instant rotatedKeyExpiry(Instant now, Duration grace, Instant expiresAt) {
        Instant graceEnd = now.plus(grace);
        return expiresAt != null && expiresAt.isBefore(graceEnd) ? expiresAt : graceEnd;
    }

    public static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
