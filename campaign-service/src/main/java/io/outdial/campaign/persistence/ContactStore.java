package io.outdial.campaign.persistence;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.domain.ContactDraft.NewContact;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The contact writes that need the reactive client itself: a delete that locks across campaigns in
 * the feeder's lock order, and imports that stream batches of rows through one transaction.
 */
@ApplicationScoped
public class ContactStore {

    /** Rows per INSERT batch of an import. */
    public static final int IMPORT_BATCH_SIZE = 500;

    /** What a delete did. */
    public enum DeleteOutcome {
        DELETED, NOT_FOUND, BEING_CALLED,
        /** The contact kept joining campaigns while the delete took its locks; nothing was deleted. */
        JOINING
    }

    /** Tries of a delete whose contact joins another campaign between its two lock steps. */
    static final int DELETE_ATTEMPTS = 5;

    private static final String CAMPAIGNS_OF_CONTACT = """
            SELECT c.id FROM campaigns c
             WHERE c.team_id = $2 AND c.id IN (SELECT campaign_id FROM campaign_contacts WHERE contact_id = $1)
             ORDER BY c.id""";

    private static final String IMPORT_INSERT = "INSERT INTO contacts (id, team_id, first_name, last_name, phone, email,"
            + " company_id, timezone, do_not_call, custom_fields, tags, state, consent_type, consent_obtained_at,"
            + " consent_source, import_id, created_at, updated_at)"
            + " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, clock_timestamp(),"
            + " clock_timestamp())";

    private final Pool pool;

    public ContactStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Deletes the team's contact in one transaction: refused while any campaign is calling it (a
     * campaign contact {@code queued} or {@code calling}); otherwise its campaign contacts go too and
     * each such campaign's {@code total_contacts} drops by one. The rows are locked first, so a
     * feeder cannot queue the contact between the check and the delete.
     */
    public Uni<DeleteOutcome> delete(String teamId, UUID id) {
        return deleteAttempt(teamId, id, 1);
    }

    private Uni<DeleteOutcome> deleteAttempt(String teamId, UUID id, int attempt) {
        return pool.withTransaction(tx -> deleteLocked(tx, teamId, id)).flatMap(outcome -> {
            if (outcome == DeleteOutcome.JOINING && attempt < DELETE_ATTEMPTS) {
                // The campaign it joined has committed: the next try sees it in the first step and locks it in order.
                return deleteAttempt(teamId, id, attempt + 1);
            }
            return Uni.createFrom().item(outcome);
        });
    }

    private static Uni<DeleteOutcome> deleteLocked(SqlConnection tx, String teamId, UUID id) {
        // Campaign rows first, in id order: the feeder, the claims and additions to a campaign lock a
        // campaign before its contacts, so taking the locks in the same order cannot deadlock with them.
        return tx.preparedQuery(CAMPAIGNS_OF_CONTACT + " FOR UPDATE").execute(Tuple.of(id, teamId))
                .flatMap(locked -> tx.preparedQuery("SELECT id FROM contacts WHERE id = $1 AND team_id = $2 FOR UPDATE")
                        .execute(Tuple.of(id, teamId))
                        .flatMap(found -> {
                            if (found.size() == 0) {
                                return Uni.createFrom().item(DeleteOutcome.NOT_FOUND);
                            }
                            // With the contact locked no campaign can add it any more; one that added it after the
                            // first step is not locked here, and locking it now would take the locks out of order.
                            return tx.preparedQuery(CAMPAIGNS_OF_CONTACT).execute(Tuple.of(id, teamId)).flatMap(now -> {
                                if (!ids(locked).containsAll(ids(now))) {
                                    return Uni.createFrom().item(DeleteOutcome.JOINING);
                                }
                                return deleteUnlessCalled(tx, teamId, id);
                            });
                        }));
    }

    private static Set<UUID> ids(RowSet<Row> rows) {
        Set<UUID> ids = new HashSet<>();
        rows.forEach(r -> ids.add(r.getUUID(0)));
        return ids;
    }

    private static Uni<DeleteOutcome> deleteUnlessCalled(SqlConnection tx, String teamId, UUID id) {
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
                            .flatMap(ignored -> tx.preparedQuery("DELETE FROM contacts WHERE id = $1 AND team_id = $2")
                                    .execute(Tuple.of(id, teamId)))
                            .map(ignored -> DeleteOutcome.DELETED);
                });
    }

    /**
     * Starts an import: one transaction on one connection, so a broken file imports nothing.
     * Blocking: call it, and the returned import's methods, on a worker thread.
     */
    public ContactImport beginImport(String teamId) {
        return new ContactImport(WorkerTransaction.begin(pool), teamId);
    }

    /**
     * The rows of one import, written in batches of {@value #IMPORT_BATCH_SIZE} and stamped with the
     * import's id; nothing is visible before commit.
     */
    public static final class ContactImport implements AutoCloseable {
        private final WorkerTransaction tx;
        private final String teamId;
        private final UUID importId = UUID.randomUUID();
        private final List<Tuple> pending = new ArrayList<>(IMPORT_BATCH_SIZE);
        private long written;

        ContactImport(WorkerTransaction tx, String teamId) {
            this.tx = tx;
            this.teamId = teamId;
        }

        /** Adds a contact; writes a batch when enough are pending. Returns the number written by this call. */
        public int add(NewContact contact) {
            pending.add(insertTuple(teamId, importId, contact));
            return pending.size() >= IMPORT_BATCH_SIZE ? flush() : 0;
        }

        /** Writes the pending contacts; returns how many. */
        public int flush() {
            if (pending.isEmpty()) {
                return 0;
            }
            int n = pending.size();
            tx.executeBatch(IMPORT_INSERT, List.copyOf(pending));
            pending.clear();
            written += n;
            return n;
        }

        public UUID importId() {
            return importId;
        }

        /** Writes what is pending and runs {@code work} on the import's transaction (blocking until it is done). */
        public <T> T flushThen(Function<SqlConnection, Uni<T>> work) {
            flush();
            return tx.run(work);
        }

        /** Writes what is pending and commits; returns the number of contacts the import wrote. */
        public long commit() {
            flush();
            tx.commit();
            return written;
        }

        /** Rolls back unless committed, and returns the connection. */
        @Override
        public void close() {
            tx.close();
        }
    }

    private static Tuple insertTuple(String teamId, UUID importId, NewContact c) {
        var consent = c.consent();
        return Tuple.from(Arrays.asList(UUID.randomUUID(), teamId, c.firstName(), c.lastName(), c.phone(), c.email(),
                c.companyId(), c.timezone(), c.doNotCall(), new JsonObject(new LinkedHashMap<>(c.customFields())),
                c.tags().toArray(new String[0]), c.state(), consent == null ? null : consent.type().wireName(),
                consent == null ? null : Rows.timestamp(consent.obtainedAt()), consent == null ? null : consent.source(),
                importId));
    }
}
