package io.outdial.callresult.persistence;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.callresult.domain.ProgressTally;
import io.outdial.callresult.domain.ProgressTally.ContactChange;
import io.outdial.callresult.domain.Tally;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Contacts' progress and campaigns' counters, moved by a batch of settled attempts: three
 * statements per batch, and each campaign's counters change once per batch. Rows are locked in id
 * order so that batches of concurrent consumers cannot deadlock.
 */
@ApplicationScoped
public class ProgressCounters {

    public Uni<Void> count(SqlConnection tx, List<ProgressTally.Attempt> attempts) {
        if (attempts.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] members = attempts.stream().map(ProgressTally.Attempt::member).distinct().sorted().toArray(UUID[]::new);
        return tx.preparedQuery("""
                SELECT campaign_contact_id, completed, answered FROM contact_progress
                 WHERE campaign_contact_id = ANY($1) ORDER BY campaign_contact_id FOR UPDATE
                """).execute(Tuple.of(members))
                .flatMap(rows -> {
                    Map<UUID, ProgressTally.Progress> before = new HashMap<>();
                    rows.forEach(r -> before.put(r.getUUID("campaign_contact_id"),
                            new ProgressTally.Progress(r.getBoolean("completed"), r.getBoolean("answered"))));
                    ProgressTally.Changes changes = ProgressTally.of(attempts, before);
                    return progress(tx, changes.contacts()).flatMap(ok -> campaigns(tx, changes.campaigns()));
                });
    }

    private static Uni<Void> progress(SqlConnection tx, List<ContactChange> contacts) {
        int n = contacts.size();
        UUID[] members = new UUID[n];
        UUID[] campaigns = new UUID[n];
        Integer[] attempts = new Integer[n];
        Boolean[] completed = new Boolean[n];
        Boolean[] answered = new Boolean[n];
        for (int i = 0; i < n; i++) {
            ContactChange c = contacts.get(i);
            members[i] = c.member();
            campaigns[i] = c.campaign();
            attempts[i] = c.attempts();
            completed[i] = c.completed();
            answered[i] = c.answered();
        }
        return tx.preparedQuery("""
                INSERT INTO contact_progress (campaign_contact_id, campaign_id, attempts, completed, answered)
                SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::bool[], $5::bool[])
                ON CONFLICT (campaign_contact_id) DO UPDATE SET attempts = contact_progress.attempts + EXCLUDED.attempts,
                    completed = contact_progress.completed OR EXCLUDED.completed,
                    answered = contact_progress.answered OR EXCLUDED.answered
                """).execute(Tuple.of(members, campaigns, attempts, completed, answered)).replaceWithVoid();
    }

    private static Uni<Void> campaigns(SqlConnection tx, Map<UUID, Tally> tallies) {
        int n = tallies.size();
        UUID[] campaigns = tallies.keySet().toArray(UUID[]::new);
        Long[] called = new Long[n];
        Long[] completed = new Long[n];
        Long[] answered = new Long[n];
        for (int i = 0; i < n; i++) {
            Tally t = tallies.get(campaigns[i]);
            called[i] = t.called();
            completed[i] = t.completed();
            answered[i] = t.answered();
        }
        return tx.preparedQuery("""
                INSERT INTO campaign_stats (campaign_id, contacts_called, contacts_completed, contacts_answered, version)
                SELECT c, called, completed, answered, 1 FROM unnest($1::uuid[], $2::int8[], $3::int8[], $4::int8[]) AS t(c, called, completed, answered)
                ON CONFLICT (campaign_id) DO UPDATE SET
                    contacts_called = campaign_stats.contacts_called + EXCLUDED.contacts_called,
                    contacts_completed = campaign_stats.contacts_completed + EXCLUDED.contacts_completed,
                    contacts_answered = campaign_stats.contacts_answered + EXCLUDED.contacts_answered,
                    version = campaign_stats.version + 1, updated_at = now()
                """).execute(Tuple.of(campaigns, called, completed, answered)).replaceWithVoid();
    }
}
