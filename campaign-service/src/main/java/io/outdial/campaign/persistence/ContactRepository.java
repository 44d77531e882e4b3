package io.outdial.campaign.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.outdial.campaign.api.Paging;
import io.outdial.campaign.domain.ContactDraft;
import io.outdial.campaign.domain.ContactDraft.NewContact;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/** The team's CRM contacts. Every query names the team: another team's contact is simply not found. */
@ApplicationScoped
public class ContactRepository {

    /** Rows per INSERT batch of an import. */
    public static final int IMPORT_BATCH_SIZE = 500;

    public record ContactRow(String id, String teamId, String firstName, String lastName, String phone, String email,
            String companyId, String timezone, boolean doNotCall, Map<String, Object> customFields, List<String> tags,
            Instant createdAt, Instant updatedAt) {
        static ContactRow of(Row row) {
            JsonObject fields = row.getJsonObject("custom_fields");
            String[] tags = row.getArrayOfStrings("tags");
            return new ContactRow(Rows.id(row, "id"), row.getString("team_id"), row.getString("first_name"),
                    row.getString("last_name"), row.getString("phone"), row.getString("email"),
                    row.getString("company_id"), row.getString("timezone"), row.getBoolean("do_not_call"),
                    fields == null ? Map.of() : plainMap(fields), tags == null ? List.of() : Arrays.asList(tags),
                    Rows.instant(row, "created_at"), Rows.instant(row, "updated_at"));
        }
    }

    /** Filters of a list request; null members do not filter. */
    public record ContactFilter(String search, String companyId, Boolean doNotCall) {
    }

    /** What a delete did. */
    public enum DeleteOutcome {
        DELETED, NOT_FOUND, BEING_CALLED
    }

    private static final String COLUMNS = "id, team_id, first_name, last_name, phone, email, company_id, timezone,"
            + " do_not_call, custom_fields, tags";

    private static final String IMPORT_INSERT = "INSERT INTO contacts (" + COLUMNS + ", created_at, updated_at)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, clock_timestamp(), clock_timestamp())";

    @Inject
    Pool pool;

    public Uni<ContactRow> insert(String teamId, NewContact contact) {
        return pool.preparedQuery("INSERT INTO contacts (" + COLUMNS
                + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING *")
                .execute(insertTuple(teamId, contact))
                .map(rows -> ContactRow.of(rows.iterator().next()));
    }

    /** The team's contact, or null. */
    public Uni<ContactRow> find(String teamId, UUID id) {
        return pool.preparedQuery("SELECT * FROM contacts WHERE id = $1 AND team_id = $2")
                .execute(Tuple.of(id, teamId))
                .map(rows -> rows.size() == 0 ? null : ContactRow.of(rows.iterator().next()));
    }

    public Uni<List<ContactRow>> list(String teamId, ContactFilter filter, Paging paging) {
        List<Object> args = new ArrayList<>();
        String where = where(teamId, filter, args);
        args.add(paging.limit());
        args.add(paging.offset());
        return pool.preparedQuery("SELECT * FROM contacts WHERE " + where + " ORDER BY created_at, id LIMIT $"
                + (args.size() - 1) + " OFFSET $" + args.size())
                .execute(Tuple.from(args))
                .map(rows -> {
                    List<ContactRow> out = new ArrayList<>();
                    rows.forEach(r -> out.add(ContactRow.of(r)));
                    return out;
                });
    }

    public Uni<Long> count(String teamId, ContactFilter filter) {
        List<Object> args = new ArrayList<>();
        String where = where(teamId, filter, args);
        return pool.preparedQuery("SELECT count(*) FROM contacts WHERE " + where).execute(Tuple.from(args))
                .map(rows -> rows.iterator().next().getLong(0));
    }

    private static String where(String teamId, ContactFilter filter, List<Object> args) {
        StringBuilder where = new StringBuilder("team_id = $1");
        args.add(teamId);
        if (filter.search() != null && !filter.search().isEmpty()) {
            args.add("%" + likeEscape(filter.search()) + "%");
            int p = args.size();
            where.append(" AND (first_name ILIKE $").append(p).append(" OR last_name ILIKE $").append(p)
                    .append(" OR email ILIKE $").append(p).append(" OR phone ILIKE $").append(p);
            // "(202) 555-0123" finds +12025550123: a search made only of phone characters also matches its digits.
            String digits = filter.search().replaceAll("[^0-9]", "");
            if (!digits.isEmpty() && filter.search().matches("[0-9+()\\-. ]+")) {
                args.add("%" + digits + "%");
                where.append(" OR phone LIKE $").append(args.size());
            }
            where.append(')');
        }
        if (filter.companyId() != null) {
            args.add(filter.companyId());
            where.append(" AND company_id = $").append(args.size());
        }
        if (filter.doNotCall() != null) {
            args.add(filter.doNotCall());
            where.append(" AND do_not_call = $").append(args.size());
        }
        return where.toString();
    }

    private static String likeEscape(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    /** Applies the non-null members of {@code changes} (already validated); null when it is not the team's contact. */
    public Uni<ContactRow> update(String teamId, UUID id, ContactDraft changes) {
        List<Object> args = new ArrayList<>(Arrays.asList(id, teamId, changes.firstName(), changes.lastName(),
                changes.phone(), changes.email(), changes.companyId(), changes.timezone(), changes.doNotCall(),
                changes.customFields() == null ? null : new JsonObject(changes.customFields()),
                changes.tags() == null ? null : changes.tags().toArray(new String[0])));
        return pool.preparedQuery("""
                UPDATE contacts SET
                    first_name = COALESCE($3::text, first_name),
                    last_name = COALESCE($4::text, last_name),
                    phone = COALESCE($5::text, phone),
                    email = COALESCE($6::text, email),
                    company_id = COALESCE($7::text, company_id),
                    timezone = COALESCE($8::text, timezone),
                    do_not_call = COALESCE($9::boolean, do_not_call),
                    custom_fields = COALESCE($10::jsonb, custom_fields),
                    tags = COALESCE($11::text[], tags),
                    updated_at = now()
                 WHERE id = $1 AND team_id = $2
                RETURNING *
                """).execute(Tuple.from(args))
                .map(rows -> rows.size() == 0 ? null : ContactRow.of(rows.iterator().next()));
    }

    /**
     * Deletes the team's contact in one transaction: refused while any campaign is calling it (a
     * campaign contact {@code queued} or {@code calling}); otherwise its campaign contacts go too and
     * each such campaign's {@code total_contacts} drops by one. The rows are locked first, so a
     * feeder cannot queue the contact between the check and the delete.
     */
    public Uni<DeleteOutcome> delete(String teamId, UUID id) {
        // Campaign rows first, in id order: the feeder and the claims lock a campaign before its
        // contacts, so taking the locks in the same order cannot deadlock with them.
        return pool.withTransaction(tx -> tx
                .preparedQuery("""
                        SELECT c.id FROM campaigns c
                         WHERE c.team_id = $2 AND c.id IN (SELECT campaign_id FROM campaign_contacts WHERE contact_id = $1)
                         ORDER BY c.id FOR UPDATE
                        """)
                .execute(Tuple.of(id, teamId))
                .flatMap(locked -> tx.preparedQuery("SELECT id FROM contacts WHERE id = $1 AND team_id = $2 FOR UPDATE")
                        .execute(Tuple.of(id, teamId)))
                .flatMap(found -> {
                    if (found.size() == 0) {
                        return Uni.createFrom().item(DeleteOutcome.NOT_FOUND);
                    }
                    return tx.preparedQuery("""
                            SELECT count(*) FILTER (WHERE status IN ('queued', 'calling')) AS in_flight
                              FROM (SELECT status FROM campaign_contacts WHERE contact_id = $1 FOR UPDATE) cc
                            """).execute(Tuple.of(id))
                            .flatMap(rows -> {
                                if (rows.iterator().next().getLong("in_flight") > 0) {
                                    return Uni.createFrom().item(DeleteOutcome.BEING_CALLED);
                                }
                                return tx.preparedQuery("""
                                        WITH removed AS (
                                            DELETE FROM campaign_contacts WHERE contact_id = $1 RETURNING campaign_id
                                        )
                                        UPDATE campaigns c SET total_contacts = c.total_contacts - r.n
                                          FROM (SELECT campaign_id, count(*) AS n FROM removed GROUP BY campaign_id) r
                                         WHERE c.id = r.campaign_id
                                        """).execute(Tuple.of(id))
                                        .flatMap(ignored -> tx
                                                .preparedQuery("DELETE FROM contacts WHERE id = $1 AND team_id = $2")
                                                .execute(Tuple.of(id, teamId)))
                                        .map(ignored -> DeleteOutcome.DELETED);
                            });
                }));
    }

    /**
     * Starts an import: one transaction on one connection, so a broken file imports nothing.
     * Blocking: call it, and the returned import's methods, on a worker thread.
     */
    public ContactImport beginImport(String teamId) {
        SqlConnection connection = pool.getConnection().await().indefinitely();
        try {
            Transaction tx = connection.begin().await().indefinitely();
            return new ContactImport(connection, tx, teamId);
        } catch (RuntimeException e) {
            connection.close().await().indefinitely();
            throw e;
        }
    }

    /** The rows of one import, written in batches of {@value #IMPORT_BATCH_SIZE}; nothing is visible before commit. */
    public static final class ContactImport implements AutoCloseable {
        private final SqlConnection connection;
        private final Transaction tx;
        private final String teamId;
        private final List<Tuple> pending = new ArrayList<>(IMPORT_BATCH_SIZE);
        private long written;
        private boolean committed;

        ContactImport(SqlConnection connection, Transaction tx, String teamId) {
            this.connection = connection;
            this.tx = tx;
            this.teamId = teamId;
        }

        /** Adds a contact; writes a batch when enough are pending. Returns the number written by this call. */
        public int add(NewContact contact) {
            pending.add(insertTuple(teamId, contact));
            return pending.size() >= IMPORT_BATCH_SIZE ? flush() : 0;
        }

        /** Writes the pending contacts; returns how many. */
        public int flush() {
            if (pending.isEmpty()) {
                return 0;
            }
            int n = pending.size();
            connection.preparedQuery(IMPORT_INSERT).executeBatch(List.copyOf(pending)).await().indefinitely();
            pending.clear();
            written += n;
            return n;
        }

        /** Writes what is pending and commits; returns the number of contacts the import wrote. */
        public long commit() {
            flush();
            tx.commit().await().indefinitely();
            committed = true;
            return written;
        }

        /** Rolls back unless committed, and returns the connection. */
        @Override
        public void close() {
            try {
                if (!committed) {
                    tx.rollback().await().indefinitely();
                }
            } finally {
                connection.close().await().indefinitely();
            }
        }
    }

    private static Tuple insertTuple(String teamId, NewContact c) {
        return Tuple.from(Arrays.asList(UUID.randomUUID(), teamId, c.firstName(), c.lastName(), c.phone(), c.email(),
                c.companyId(), c.timezone(), c.doNotCall(), new JsonObject(new LinkedHashMap<>(c.customFields())),
                c.tags().toArray(new String[0])));
    }

    /** A jsonb object as plain maps and lists (what the JSON writer expects). */
    static Map<String, Object> plainMap(JsonObject object) {
        Map<String, Object> out = new LinkedHashMap<>();
        object.forEach(e -> out.put(e.getKey(), plain(e.getValue())));
        return out;
    }

    private static Object plain(Object value) {
        if (value instanceof JsonObject) {
            return plainMap((JsonObject) value);
        }
        if (value instanceof JsonArray) {
            List<Object> out = new ArrayList<>();
            ((JsonArray) value).forEach(v -> out.add(plain(v)));
            return out;
        }
        return value;
    }
}
