package io.outdial.campaign.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.domain.ResultLine.Member;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A campaign's contacts with their CRM name and number, for the results export. On the reactive
 * client: the export reads it batch by batch from a worker thread, where entity sessions cannot go.
 */
@ApplicationScoped
public class CampaignResultStore {

    private final Pool pool;

    public CampaignResultStore(Pool pool) {
        this.pool = pool;
    }

    /**
     * Up to {@code limit} of the campaign's contacts with a contact id above {@code afterContactId}, by
     * contact id: pages by the campaign's unique (campaign, contact) index, so contacts joining meanwhile
     * neither repeat nor shift rows.
     */
    public Uni<List<Member>> after(UUID campaignId, UUID afterContactId, int limit) {
        return pool.preparedQuery("""
                SELECT cc.contact_id, c.first_name, c.last_name, c.phone, c.timezone, cc.status, cc.outcome, cc.skip_reason,
                       cc.attempts, cc.last_attempt_at
                  FROM campaign_contacts cc JOIN contacts c ON c.id = cc.contact_id
                 WHERE cc.campaign_id = $1 AND cc.contact_id > $2
                 ORDER BY cc.contact_id LIMIT $3
                """).execute(Tuple.of(campaignId, afterContactId, limit)).map(rows -> {
                    List<Member> out = new ArrayList<>(rows.size());
                    rows.forEach(row -> out.add(member(row)));
                    return out;
                });
    }

    private static Member member(Row row) {
        return new Member(row.getUUID("contact_id"), row.getString("first_name"), row.getString("last_name"),
                row.getString("phone"), row.getString("timezone"), row.getString("status"), row.getString("outcome"),
                row.getString("skip_reason"), row.getInteger("attempts"), Rows.instant(row, "last_attempt_at"));
    }
}
