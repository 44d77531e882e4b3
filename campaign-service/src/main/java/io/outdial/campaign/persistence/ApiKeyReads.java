package io.outdial.campaign.persistence;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The key lookup every API request makes, in one SQL statement without a session: the key comes
 * back detached, for reading. Changes to keys go through {@link ApiKeyRepository}.
 */
@ApplicationScoped
public class ApiKeyReads {

    private final Pool pool;

    public ApiKeyReads(Pool pool) {
        this.pool = pool;
    }

    /** The key with this hash if it is neither revoked nor expired at {@code now}; null otherwise. */
    public Uni<ApiKey> findAccepted(String keyHash, Instant now) {
        return pool.preparedQuery("""
                SELECT * FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)
                """).execute(Tuple.of(keyHash, Rows.timestamp(now)))
                .map(rows -> rows.size() == 0 ? null : key(rows.iterator().next()));
    }

    private static ApiKey key(Row r) {
        ApiKey key = new ApiKey();
        key.id = r.getUUID("id");
        key.keyHash = r.getString("key_hash");
        key.teamId = r.getString("team_id");
        key.accountSlug = r.getString("account_slug");
        key.name = r.getString("name");
        key.createdAt = Rows.instant(r, "created_at");
        key.revokedAt = Rows.instant(r, "revoked_at");
        key.keyPrefix = r.getString("key_prefix");
        key.expiresAt = Rows.instant(r, "expires_at");
        key.lastUsedAt = Rows.instant(r, "last_used_at");
        key.replacedBy = r.getUUID("replaced_by");
        return key;
    }
}
