package io.outdial.campaign.persistence.webhooks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.persistence.Rows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Webhook endpoints, on the reactive client like the deliveries they fan out to (whose intake and
 * claims are set-based statements); every read and write is scoped by team.
 */
@ApplicationScoped
public class WebhookEndpointStore {

    private final Pool pool;

    public WebhookEndpointStore(Pool pool) {
        this.pool = pool;
    }

    /** What a registration did: the endpoint, or empty when the team already has {@code max} endpoints. */
    public Uni<Optional<WebhookEndpoint>> insert(WebhookEndpoint endpoint, int max) {
        return pool.withTransaction(conn -> conn
                // Serializes a team's registrations, so that two at once cannot both pass the count.
                .preparedQuery("SELECT pg_advisory_xact_lock(hashtext('webhooks:' || $1))").execute(Tuple.of(endpoint.teamId()))
                .flatMap(locked -> conn.preparedQuery("SELECT count(*) FROM webhook_endpoints WHERE team_id = $1")
                        .execute(Tuple.of(endpoint.teamId())))
                .flatMap(count -> {
                    if (count.iterator().next().getLong(0) >= max) {
                        return Uni.createFrom().item(Optional.<WebhookEndpoint> empty());
                    }
                    return conn.preparedQuery("INSERT INTO webhook_endpoints (" + WebhookEndpoint.COLUMNS
                            + ") VALUES ($1, $2, $3, $4, $5, $6, true, NULL, $7, $7) RETURNING " + WebhookEndpoint.COLUMNS)
                            .execute(Tuple.from(new Object[] { endpoint.id(), endpoint.teamId(), endpoint.url(),
                                    endpoint.events().toArray(new String[0]), endpoint.description(), endpoint.secret(),
                                    Rows.timestamp(endpoint.createdAt()) }))
                            .map(rows -> Optional.of(WebhookEndpoint.of(rows.iterator().next())));
                }));
    }

    public Uni<List<WebhookEndpoint>> list(String teamId) {
        return pool.preparedQuery("SELECT " + WebhookEndpoint.COLUMNS
                + " FROM webhook_endpoints WHERE team_id = $1 ORDER BY created_at, id").execute(Tuple.of(teamId))
                .map(rows -> {
                    List<WebhookEndpoint> out = new ArrayList<>();
                    rows.forEach(row -> out.add(WebhookEndpoint.of(row)));
                    return out;
                });
    }

    public Uni<Optional<WebhookEndpoint>> find(String teamId, UUID id) {
        return pool.preparedQuery("SELECT " + WebhookEndpoint.COLUMNS + " FROM webhook_endpoints WHERE id = $1 AND team_id = $2")
                .execute(Tuple.of(id, teamId))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(WebhookEndpoint.of(rows.iterator().next())));
    }

    /**
     * Changes the given fields (null: unchanged). Enabling clears the disabled reason and the failure
     * streak; disabling by hand records no reason. Empty when the team has no such endpoint.
     */
    public Uni<Optional<WebhookEndpoint>> update(String teamId, UUID id, String url, List<String> events, String description,
            Boolean enabled, Instant now) {
        return pool.preparedQuery("""
                UPDATE webhook_endpoints
                   SET url = coalesce($3, url),
                       events = coalesce($4, events),
                       description = coalesce($5, description),
                       enabled = coalesce($6, enabled),
                       disabled_reason = CASE WHEN $6 IS NULL THEN disabled_reason ELSE NULL END,
                       failing_since = CASE WHEN $6 THEN NULL ELSE failing_since END,
                       updated_at = $7
                 WHERE id = $1 AND team_id = $2
                RETURNING """ + " " + WebhookEndpoint.COLUMNS)
                .execute(Tuple.from(new Object[] { id, teamId, url, events == null ? null : events.toArray(new String[0]),
                        description, enabled, Rows.timestamp(now) }))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(WebhookEndpoint.of(rows.iterator().next())));
    }

    /** Deletes the endpoint with its deliveries and their attempts; false when the team has no such endpoint. */
    public Uni<Boolean> delete(String teamId, UUID id) {
        return pool.preparedQuery("DELETE FROM webhook_endpoints WHERE id = $1 AND team_id = $2").execute(Tuple.of(id, teamId))
                .map(rows -> rows.rowCount() > 0);
    }
}
