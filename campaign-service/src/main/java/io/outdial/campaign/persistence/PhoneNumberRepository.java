package io.outdial.campaign.persistence;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.outdial.campaign.api.Paging;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** Caller IDs. Every query names the team: another team's number is simply not found. */
@ApplicationScoped
public class PhoneNumberRepository {

    public record PhoneNumberRow(String id, String teamId, String number, String label, java.time.Instant createdAt) {
        static PhoneNumberRow of(Row row) {
            return new PhoneNumberRow(Rows.id(row, "id"), row.getString("team_id"), row.getString("number"),
                    row.getString("label"), Rows.instant(row, "created_at"));
        }
    }

    @Inject
    Pool pool;

    /** Inserts a number; emits null when the team already has it. */
    public Uni<PhoneNumberRow> insert(String teamId, String number, String label) {
        return pool.preparedQuery("""
                INSERT INTO phone_numbers (id, team_id, number, label) VALUES ($1, $2, $3, $4)
                ON CONFLICT (team_id, number) DO NOTHING RETURNING *
                """).execute(Tuple.of(UUID.randomUUID(), teamId, number, label))
                .map(rows -> rows.size() == 0 ? null : PhoneNumberRow.of(rows.iterator().next()));
    }

    public Uni<List<PhoneNumberRow>> list(String teamId, Paging paging) {
        return pool.preparedQuery("SELECT * FROM phone_numbers WHERE team_id = $1 ORDER BY created_at, id LIMIT $2 OFFSET $3")
                .execute(Tuple.of(teamId, paging.limit(), paging.offset()))
                .map(rows -> {
                    List<PhoneNumberRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(PhoneNumberRow.of(r)));
                    return out;
                });
    }

    public Uni<Long> count(String teamId) {
        return pool.preparedQuery("SELECT count(*) FROM phone_numbers WHERE team_id = $1").execute(Tuple.of(teamId))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    /** The team's numbers among {@code ids}, in no particular order. */
    public Uni<List<PhoneNumberRow>> findAll(String teamId, Collection<UUID> ids) {
        return findAll(pool, teamId, ids);
    }

    public Uni<List<PhoneNumberRow>> findAll(io.vertx.mutiny.sqlclient.SqlClient client, String teamId, Collection<UUID> ids) {
        return client.preparedQuery("SELECT * FROM phone_numbers WHERE team_id = $1 AND id = ANY($2)")
                .execute(Tuple.of(teamId, ids.toArray(new UUID[0])))
                .map(rows -> {
                    List<PhoneNumberRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(PhoneNumberRow.of(r)));
                    return out;
                });
    }

    /** Names of live campaigns that use the number (a number in use cannot be deleted). */
    public Uni<List<String>> campaignsUsing(UUID id) {
        return pool.preparedQuery("""
                SELECT c.id FROM campaign_phone_numbers cp JOIN campaigns c ON c.id = cp.campaign_id
                 WHERE cp.phone_number_id = $1 AND c.deleted_at IS NULL LIMIT 5
                """).execute(Tuple.of(id))
                .map(rows -> {
                    List<String> out = new ArrayList<>();
                    rows.forEach(r -> out.add(Rows.id(r, "id")));
                    return out;
                });
    }

    /** Deletes the team's number (and its links to deleted campaigns); false when it is not the team's. */
    public Uni<Boolean> delete(String teamId, UUID id) {
        return pool.withTransaction(tx -> tx.preparedQuery("""
                DELETE FROM campaign_phone_numbers cp USING phone_numbers p
                 WHERE cp.phone_number_id = p.id AND p.id = $1 AND p.team_id = $2
                """).execute(Tuple.of(id, teamId))
                .flatMap(ignored -> tx.preparedQuery("DELETE FROM phone_numbers WHERE id = $1 AND team_id = $2")
                        .execute(Tuple.of(id, teamId)))
                .map(rows -> rows.rowCount() == 1));
    }
}
