package io.outdial.campaign.persistence.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.outdial.campaign.persistence.Rows;
import io.vertx.mutiny.sqlclient.Row;

/** A team's registered webhook endpoint. */
public record WebhookEndpoint(UUID id, String teamId, String url, List<String> events, String description, String secret,
        boolean enabled, String disabledReason, Instant createdAt, Instant updatedAt) {

    static final String COLUMNS = "id, team_id, url, events, description, secret, enabled, disabled_reason, created_at, updated_at";

    static WebhookEndpoint of(Row row) {
        return new WebhookEndpoint(row.getUUID("id"), row.getString("team_id"), row.getString("url"),
                List.of(row.getArrayOfStrings("events")), row.getString("description"), row.getString("secret"),
                row.getBoolean("enabled"), row.getString("disabled_reason"), Rows.instant(row, "created_at"),
                Rows.instant(row, "updated_at"));
    }
}
