package io.outdial.campaign.persistence;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
    public static final int IMPORT_BATCH_SIZE = 1000;

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

    /**
     * One statement per batch: the rows travel as one array per column. Far cheaper for the server
     * than a pipelined INSERT per row, which pays parse, bind and execute for each.
     */
    private static final String IMPORT_INSERT = """
            INSERT INTO contacts (id, team_id, first_name, last_name, phone, email, company_id, timezone, do_not_call,
                                  custom_fields, tags, state, consent_type, consent_obtained_at, consent_source, import_id,
                                  created_at, updated_at)
            SELECT r.id, $1, r.first_name, r.last_name, r.phone, r.email, r.company_id, r.timezone, r.do_not_call,
                   r.custom_fields::jsonb, r.tags::text[], r.state, r.consent_type, r.consent_obtained_at, r.consent_source,
                   $2, clock_timestamp(), clock_timestamp()
              FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::bool[],
                          $11::text[], $12::text[], $13::text[], $14::text[], $15::timestamptz[], $16::text[])
                   AS r(id, first_name, last_name, phone, email, company_id, timezone, do_not_call, custom_fields, tags,
                        state, consent_type, consent_obtained_at, consent_source)""";

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
        // Campaign rows first, in id order: the feeder and additions to a campaign lock a campaign before
        // its contacts, so taking the locks in the same order cannot deadlock with them. (A claim takes the
        // campaign's claim lock, which a deletion never waits for, before its contacts.)
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
        private final List<NewContact> pending = new ArrayList<>(IMPORT_BATCH_SIZE);
        /** The batch being written while the next one is read: one at a time on the connection. */
        private CompletableFuture<?> inFlight = CompletableFuture.completedFuture(null);
        private long written;

        ContactImport(WorkerTransaction tx, String teamId) {
            this.tx = tx;
            this.teamId = teamId;
        }

        /** Adds a contact; sends a batch when enough are pending. Returns the number sent by this call. */
        public int add(NewContact contact) {
            pending.add(contact);
            return pending.size() >= IMPORT_BATCH_SIZE ? flush() : 0;
        }

        /**
         * Sends the pending contacts once the batch before them is written, and returns how many; a
         * batch that fails makes the next call (or {@link #commit()}) throw.
         */
        public int flush() {
            if (pending.isEmpty()) {
                return 0;
            }
            int n = pending.size();
            Tuple columns = insertColumns(teamId, importId, pending);
            awaitWritten();
            inFlight = tx.executeAsync(IMPORT_INSERT, columns);
            pending.clear();
            written += n;
            return n;
        }

        private void awaitWritten() {
            try {
                inFlight.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }

        public UUID importId() {
            return importId;
        }

        /** Writes what is pending and runs {@code work} on the import's transaction (blocking until it is done). */
        public <T> T flushThen(Function<SqlConnection, Uni<T>> work) {
            flush();
            awaitWritten();
            return tx.run(work);
        }

        /** Writes what is pending and commits; returns the number of contacts the import wrote. */
        public long commit() {
            flush();
            awaitWritten();
            tx.commit();
            return written;
        }

        /** Rolls back unless committed, and returns the connection. */
        @Override
        public void close() {
            try {
                inFlight.join();
            } catch (CompletionException failed) {
                // already reported by flush or commit; the rollback below undoes it
            }
            tx.close();
        }
    }

    private static Tuple insertColumns(String teamId, UUID importId, List<NewContact> rows) {
        int n = rows.size();
        UUID[] ids = new UUID[n];
        String[] firstNames = new String[n];
        String[] lastNames = new String[n];
        String[] phones = new String[n];
        String[] emails = new String[n];
        String[] companies = new String[n];
        String[] timezones = new String[n];
        Boolean[] doNotCall = new Boolean[n];
        String[] customFields = new String[n];
        String[] tags = new String[n];
        String[] states = new String[n];
        String[] consentTypes = new String[n];
        OffsetDateTime[] consentObtainedAt = new OffsetDateTime[n];
        String[] consentSources = new String[n];
        for (int i = 0; i < n; i++) {
            NewContact c = rows.get(i);
            var consent = c.consent();
            ids[i] = UUID.randomUUID();
            firstNames[i] = c.firstName();
            lastNames[i] = c.lastName();
            phones[i] = c.phone();
            emails[i] = c.email();
            companies[i] = c.companyId();
            timezones[i] = c.timezone();
            doNotCall[i] = c.doNotCall();
            customFields[i] = new JsonObject(new LinkedHashMap<>(c.customFields())).encode();
            tags[i] = arrayLiteral(c.tags());
            states[i] = c.state();
            consentTypes[i] = consent == null ? null : consent.type().wireName();
            consentObtainedAt[i] = consent == null ? null : Rows.timestamp(consent.obtainedAt());
            consentSources[i] = consent == null ? null : consent.source();
        }
        return Tuple.from(new Object[] { teamId, importId, ids, firstNames, lastNames, phones, emails, companies, timezones,
                doNotCall, customFields, tags, states, consentTypes, consentObtainedAt, consentSources });
    }

    /** A PostgreSQL array literal of {@code values}, each quoted, for a {@code text[]} cast. */
    static String arrayLiteral(java.util.Collection<String> values) {
        StringBuilder literal = new StringBuilder("{");
        for (String value : values) {
            if (literal.length() > 1) {
                literal.append(',');
            }
            literal.append('"').append(value.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return literal.append('}').toString();
    }
}
