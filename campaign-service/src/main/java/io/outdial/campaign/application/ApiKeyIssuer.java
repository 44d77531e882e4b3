package io.outdial.campaign.application;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.config.ApiKeySettings;
import io.outdial.campaign.domain.ApiKeyStatus;
import io.outdial.campaign.domain.ApiKeys;
import io.outdial.campaign.domain.PageRequest;
import io.outdial.campaign.persistence.ApiKey;
import io.outdial.campaign.persistence.ApiKeyReads;
import io.outdial.campaign.persistence.ApiKeyRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * API keys: who a presented key belongs to, and a team's keys issued, listed, revoked and rotated.
 * Only a key's SHA-256 and first characters are stored; the secret is shown once, when issued.
 */
@ApplicationScoped
public class ApiKeyIssuer {

    private final ApiKeyRepository keys;
    private final ApiKeyReads reads;
    private final ApiKeyUsage usage;
    private final ApiKeySettings settings;
    private final Clock clock;

    public ApiKeyIssuer(ApiKeyRepository keys, ApiKeyReads reads, ApiKeyUsage usage, ApiKeySettings settings, Clock clock) {
        this.keys = keys;
        this.reads = reads;
        this.usage = usage;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The key matching the presented secret if it is accepted now (neither revoked nor expired), or
     * null. Read on every request, with no cache, so a revocation holds on every replica at once.
     */
    public Uni<ApiKey> authenticate(String presented) {
        String hash = ApiKeys.hash(presented);
        Instant now = now();
        return reads.findAccepted(hash, now).invoke(key -> {
            if (key != null) {
                usage.used(key, now);
            }
        });
    }

    /** A key as issued: the stored row, and the secret, which is not kept anywhere. */
    public record IssuedKey(ApiKey stored, String key) {
    }

    public record Rotation(IssuedKey successor, ApiKey previous) {
    }

    public record KeyPage(List<ApiKey> keys, long total) {
    }

    /** A new key for the team; the secret is returned only here. {@code expiresAt} (optional) must be in the future. */
    public Uni<IssuedKey> issue(String teamId, String accountSlug, String name, Instant expiresAt) {
        Instant now = now();
        requireFuture(expiresAt, now);
        String key = ApiKeys.generate();
        return Panache.withTransaction(() -> keys.persist(newKey(key, teamId, accountSlug, name, stored(expiresAt), now)))
                .map(stored -> new IssuedKey(stored, key));
    }

    /** Stores a known key; a key already stored keeps its row (so seeding a dev key is idempotent). */
    public Uni<ApiKey> store(String key, String teamId, String accountSlug, String name) {
        String hash = ApiKeys.hash(key);
        return Panache.withTransaction(() -> keys.findByHash(hash).flatMap(existing -> existing != null
                ? Uni.createFrom().item(existing)
                : keys.persist(newKey(key, teamId, accountSlug, name, null, now()))));
    }

    /** The team's keys, oldest first. */
    public Uni<KeyPage> list(String teamId, PageRequest page) {
        return Panache.withSession(() -> keys.listOfTeam(teamId, page)
                .flatMap(list -> keys.countOfTeam(teamId).map(total -> new KeyPage(list, total))));
    }

    /** Revokes the key at once; revoking a revoked key changes nothing. */
    public Uni<ApiKey> revoke(UUID id) {
        return Panache.withTransaction(() -> keys.findForUpdate(id).map(key -> {
            if (key == null) {
                throw Refusal.notFound("API key", id.toString());
            }
            if (key.revokedAt == null) {
                key.revokedAt = now();
            }
            return key;
        }));
    }

    /**
     * Issues the successor of an active key, for the same team and account, and lets the old key
     * work for the grace period: {@code graceSeconds} (0 up to {@code outdial.api-keys.rotation-grace},
     * which is also the default). A revoked, expired or already rotated key cannot be rotated.
     */
    public Uni<Rotation> rotate(UUID id, Long graceSeconds, Instant expiresAt) {
        Duration maxGrace = settings.rotationGrace();
        if (graceSeconds != null && (graceSeconds < 0 || graceSeconds > maxGrace.toSeconds())) {
            throw Refusal.invalid("graceSeconds", "must be between 0 and " + maxGrace.toSeconds());
        }
        Duration grace = graceSeconds == null ? maxGrace : Duration.ofSeconds(graceSeconds);
        Instant now = now();
        requireFuture(expiresAt, now);
        String secret = ApiKeys.generate();
        return Panache.withTransaction(() -> keys.findForUpdate(id).flatMap(old -> {
            if (old == null) {
                throw Refusal.notFound("API key", id.toString());
            }
            ApiKeyStatus status = status(old, now);
            if (status != ApiKeyStatus.ACTIVE) {
                String why = status == ApiKeyStatus.ROTATED ? " (rotate its successor " + old.replacedBy + " instead)" : "";
                throw Refusal.conflict("API key " + id + " is " + status.wire() + " and cannot be rotated" + why, List.of(),
                        status.wire());
            }
            ApiKey successor = newKey(secret, old.teamId, old.accountSlug, old.name, stored(expiresAt), now);
            return keys.persist(successor).map(stored -> {
                old.replacedBy = stored.id;
                old.expiresAt = ApiKeys.rotatedKeyExpiry(now, grace, old.expiresAt);
                return new Rotation(new IssuedKey(stored, secret), old);
            });
        }));
    }

    public ApiKeyStatus status(ApiKey key) {
        return status(key, clock.instant());
    }

    // The database keeps microseconds: an instant answered now reads the same when listed later.
    private Instant now() {
        return stored(clock.instant());
    }

    private static Instant stored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static ApiKeyStatus status(ApiKey key, Instant now) {
        return ApiKeyStatus.of(key.revokedAt, key.expiresAt, key.replacedBy != null, now);
    }

    private static void requireFuture(Instant expiresAt, Instant now) {
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw Refusal.invalid("expiresAt", "must be in the future");
        }
    }

    private static ApiKey newKey(String secret, String teamId, String accountSlug, String name, Instant expiresAt,
            Instant now) {
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.keyHash = ApiKeys.hash(secret);
        key.keyPrefix = ApiKeys.prefix(secret);
        key.teamId = teamId;
        key.accountSlug = accountSlug;
        key.name = name;
        key.createdAt = now;
        key.expiresAt = expiresAt;
        return key;
    }
}
