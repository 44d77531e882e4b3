package io.outdial.campaign.application;

import java.time.Clock;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.domain.ApiKeys;
import io.outdial.campaign.persistence.ApiKey;
import io.outdial.campaign.persistence.ApiKeyRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/** API keys: who a presented key belongs to, and new keys for a team. Only a key's SHA-256 is stored. */
@ApplicationScoped
public class ApiKeyIssuer {

    private final ApiKeyRepository keys;
    private final Clock clock;

    public ApiKeyIssuer(ApiKeyRepository keys, Clock clock) {
        this.keys = keys;
        this.clock = clock;
    }

    /** The live key matching the presented secret, or null. */
    public Uni<ApiKey> authenticate(String presented) {
        String hash = ApiKeys.hash(presented);
        return Panache.withSession(() -> keys.findLive(hash));
    }

    public record IssuedKey(UUID id, String key) {
    }

    /** A new key for the team; the secret is returned only here. */
    public Uni<IssuedKey> issue(String teamId, String accountSlug, String name) {
        String key = ApiKeys.generate();
        return store(key, teamId, accountSlug, name).map(stored -> new IssuedKey(stored.id, key));
    }

    /** Stores a known key; a key already stored keeps its row (so seeding a dev key is idempotent). */
    public Uni<ApiKey> store(String key, String teamId, String accountSlug, String name) {
        String hash = ApiKeys.hash(key);
        return Panache.withTransaction(() -> keys.findByHash(hash).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(existing);
            }
            ApiKey apiKey = new ApiKey();
            apiKey.id = UUID.randomUUID();
            apiKey.keyHash = hash;
            apiKey.teamId = teamId;
            apiKey.accountSlug = accountSlug;
            apiKey.name = name;
            apiKey.createdAt = clock.instant();
            return keys.persist(apiKey);
        }));
    }
}
