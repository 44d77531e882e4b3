package io.outdial.campaign.application;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.outdial.campaign.client.CallRecordsClient;
import io.outdial.campaign.domain.ResultLine;
import io.outdial.campaign.domain.ResultLine.Member;
import io.outdial.campaign.persistence.CampaignResultStore;
import io.outdial.contract.calls.CallRecord;
import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;

/**
 * A campaign's results (one line per contact) and calls (one per call), read in batches for exports
 * that stream: never the whole campaign in memory. Call records and talk time come from
 * call-result-service, which owns them. Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class CampaignExport {

    /** Rows per read, from this service's database and from call-result-service (its most per request). */
    static final int BATCH = 1000;
    private static final Duration READ_WAIT = Duration.ofSeconds(30);
    // PostgreSQL orders uuids by their unsigned bytes: the nil uuid comes before every contact id.
    private static final UUID BEFORE_ALL = new UUID(0, 0);

    /** call-result-service cannot be read right now. */
    public static class CallRecordsUnavailable extends RuntimeException {
        CallRecordsUnavailable(Throwable cause) {
            super("call records cannot be read right now", cause);
        }
    }

    private final CampaignAudit audit;
    private final CampaignResultStore results;
    private final CallRecordsClient calls;

    public CampaignExport(CampaignAudit audit, CampaignResultStore results, @RestClient CallRecordsClient calls) {
        this.audit = audit;
        this.results = results;
        this.calls = calls;
    }

    /** The team's campaign's contacts by contact id, with their talk time; refuses (not found) another team's campaign. */
    public ExportBatches<ResultLine> results(String teamId, UUID campaignId) {
        audit.requireOwned(teamId, campaignId);
        return new ExportBatches<>(BATCH, last -> resultsAfter(campaignId, last == null ? BEFORE_ALL : last.contactId()));
    }

    /** The team's campaign's calls by call id, with the callee's local time; refuses (not found) another team's campaign. */
    public ExportBatches<CallRecord> calls(String teamId, UUID campaignId) {
        audit.requireOwned(teamId, campaignId);
        return new ExportBatches<>(BATCH, last -> fromCallRecords(calls.export(campaignId.toString(),
                last == null ? null : last.id(), BATCH)).flatMap(audit::withLocalTimes).await().atMost(READ_WAIT.multipliedBy(2)));
    }

    private List<ResultLine> resultsAfter(UUID campaignId, UUID afterContactId) {
        List<Member> members = results.after(campaignId, afterContactId, BATCH).await().atMost(READ_WAIT);
        if (members.isEmpty()) {
            return List.of();
        }
        Map<String, Double> talk = fromCallRecords(calls.talkSeconds(campaignId.toString(),
                members.stream().map(m -> m.contactId().toString()).toList())).await().atMost(READ_WAIT.multipliedBy(2));
        return members.stream().map(m -> ResultLine.of(m, ResultLine.calleeZone(m.phone(), m.timezone()),
                talk.getOrDefault(m.contactId().toString(), 0.0))).toList();
    }

    private static <T> Uni<T> fromCallRecords(Uni<T> read) {
        return read.ifNoItem().after(READ_WAIT).fail()
                .onFailure(e -> e instanceof ProcessingException || e instanceof WebApplicationException
                        || e instanceof TimeoutException)
                .transform(CallRecordsUnavailable::new);
    }
}
