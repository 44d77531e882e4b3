package io.outdial.campaign.persistence;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records when an API key was last used. It runs on the reactive client, apart from the request's
 * entity session, because nobody waits for it: the request it comes from may be over by then.
 */
@ApplicationScoped
public class ApiKeyUsageStore {

    // Never moves the time back: another replica may have written a later use.
    private static final String TOUCH = """
            UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2)
            """;

    private final Pool pool;

    public ApiKeyUsageStore(Pool pool) {
        this.pool = pool;
    }

    public Uni<Void> touch(UUID id, Instant usedAt) {
        return Uni.createFrom().deferred(() -> pool.preparedQuery(TOUCH).execute(Tuple.of(id, Rows.timestamp(usedAt))))
                .replaceWithVoid();
    }
}
