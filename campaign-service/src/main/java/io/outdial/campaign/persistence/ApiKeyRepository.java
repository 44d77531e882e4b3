package io.outdial.campaign.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.outdial.campaign.api.auth.Tenant;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@ApplicationScoped
public class ApiKeyRepository {

    @Inject
    Pool pool;

    /** The tenant of a live key, or null. */
    public Uni<Tenant> findTenantByHash(String keyHash) {
        return pool.preparedQuery("SELECT team_id, account_slug FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL")
                .execute(Tuple.of(keyHash))
                .map(rows -> rows.size() == 0 ? null
                        : new Tenant(rows.iterator().next().getString("team_id"), rows.iterator().next().getString("account_slug")));
    }

    /** Stores a key's hash; a hash already stored keeps its row (so seeding a dev key is idempotent). */
    public Uni<UUID> insert(String keyHash, String teamId, String accountSlug, String name) {
        UUID id = UUID.randomUUID();
        return pool.preparedQuery("""
                INSERT INTO api_keys (id, key_hash, team_id, account_slug, name) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (key_hash) DO NOTHING
                """).execute(Tuple.of(id, keyHash, teamId, accountSlug, name)).replaceWith(id);
    }
}
