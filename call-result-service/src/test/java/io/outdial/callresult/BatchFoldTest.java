package io.outdial.callresult;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.callresult.persistence.CallFold;
import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.EventEnvelope;
import io.outdial.contract.EventType;
import io.outdial.contract.events.CallAnswered;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallEvent;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.CallRinging;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallSkipped;
import io.outdial.contract.events.ContactSettled;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A batch folds with one statement per step, yet must come out exactly as if its events had been
 * applied one by one: the same events, with the same ids and duplicates, go to one campaign as one
 * batch and to another campaign one event at a time, and every row they leave must be the same.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "call_result"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BatchFoldTest {

    // Recent, so that the lost-call sweep leaves the calls alone between the one-by-one events.
    private static final Instant T = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

    private final EventTopics topics = new EventTopics();

    @Inject
    CallFold fold;

    @Inject
    Pool pool;

    /** The events of one campaign: calls that ring, answer, end twice, get skipped, retry and run out of attempts. */
    private static List<EventEnvelope> campaignEvents(String campaign) {
        String ann = UUID.randomUUID().toString();
        String bob = UUID.randomUUID().toString();
        String cid = UUID.randomUUID().toString();
        String annCall = UUID.randomUUID().toString();
        String bobCall = UUID.randomUUID().toString();
        String bobRetry = UUID.randomUUID().toString();
        String cidCall = UUID.randomUUID().toString();
        String bobEnded = UUID.randomUUID().toString();
        List<EventEnvelope> events = new ArrayList<>();
        events.add(envelope(initiated(annCall, campaign, ann, 1)));
        events.add(envelope(initiated(bobCall, campaign, bob, 1)));
        events.add(envelope(new CallRinging(annCall, campaign, T.plusSeconds(1))));
        events.add(envelope(new CallSkipped(cidCall, campaign, cid, cid, 1, "at_capacity", T.plusSeconds(1))));
        events.add(envelope(new CallAnswered(annCall, campaign, T.plusSeconds(2))));
        events.add(new EventEnvelope(bobEnded, EventType.CALL_ENDED, "test", T, ended(bobCall, campaign, bob, 1, CallOutcome.NO_ANSWER, 5)));
        events.add(envelope(ended(annCall, campaign, ann, 1, CallOutcome.ANSWERED, 9)));
        // A redelivery in the same batch, and a second ending of a call under another id: neither applies again.
        events.add(new EventEnvelope(bobEnded, EventType.CALL_ENDED, "test", T, ended(bobCall, campaign, bob, 1, CallOutcome.NO_ANSWER, 5)));
        events.add(envelope(ended(annCall, campaign, ann, 1, CallOutcome.BUSY, 10)));
        events.add(envelope(initiated(bobRetry, campaign, bob, 2)));
        events.add(envelope(new CallRinging(bobRetry, campaign, T.plusSeconds(12))));
        events.add(envelope(ended(bobRetry, campaign, bob, 2, CallOutcome.BUSY, 13)));
        return events;
    }

    private static CallInitiated initiated(String call, String campaign, String member, int attempt) {
        return new CallInitiated(call, campaign, member, member, attempt, "+12025550100", "+12025550123", "d1", 1, 0,
                T.plusSeconds(attempt * 10L - 10), Map.of());
    }

    private static CallEnded ended(String call, String campaign, String member, int attempt, CallOutcome outcome, int at) {
        return new CallEnded(call, campaign, member, member, attempt, outcome, "hangup", T.plusSeconds(at), 1, 2,
                outcome == CallOutcome.BUSY ? 486 : null);
    }

    private static EventEnvelope envelope(CallEvent event) {
        return new EventEnvelope(UUID.randomUUID().toString(), EventType.of(event), "test", T, event);
    }

    @Test
    void aBatchLeavesTheRowsThatItsEventsOneByOneLeave() {
        String batched = UUID.randomUUID().toString();
        String oneByOne = UUID.randomUUID().toString();
        fold.applyAll(campaignEvents(batched)).await().atMost(Duration.ofSeconds(30));
        for (EventEnvelope e : campaignEvents(oneByOne)) {
            fold.apply(e).await().atMost(Duration.ofSeconds(30));
        }

        List<String> calls = rows("""
                SELECT c.attempt, c.status, c.outcome, c.end_reason, c.ringing_at, c.answered_at, c.ended_at, c.sip_status, c.settled
                  FROM calls c WHERE c.campaign_id = $1 ORDER BY c.attempt, c.initiated_at, c.status, c.outcome
                """, batched);
        assertEquals(4, calls.size(), "three calls and a skip");
        assertEquals(calls, rows("""
                SELECT c.attempt, c.status, c.outcome, c.end_reason, c.ringing_at, c.answered_at, c.ended_at, c.sip_status, c.settled
                  FROM calls c WHERE c.campaign_id = $1 ORDER BY c.attempt, c.initiated_at, c.status, c.outcome
                """, oneByOne));
        String progress = "SELECT attempts, completed, answered FROM contact_progress WHERE campaign_id = $1 ORDER BY attempts, answered";
        assertEquals(List.of("[1, true, true]", "[2, true, false]"), rows(progress, batched));
        assertEquals(rows(progress, oneByOne), rows(progress, batched));
        String stats = "SELECT contacts_called, contacts_completed, contacts_answered FROM campaign_stats WHERE campaign_id = $1";
        assertEquals(List.of("[2, 2, 1]"), rows(stats, batched));
        assertEquals(rows(stats, oneByOne), rows(stats, batched));
        assertEquals(List.of("RELEASED null 1", "RETRY no_answer 1", "DONE answered 1", "DONE busy 2"), outcomes(batched));
        assertEquals(outcomes(oneByOne), outcomes(batched));
    }

    /** The contact outcomes published for a campaign, in order: four of them, one per call that settled or was skipped. */
    private List<String> outcomes(String campaign) {
        AtomicInteger seen = new AtomicInteger();
        return topics.awaitRecords(Topics.CONTACT_OUTCOMES, "four outcomes of campaign " + campaign,
                r -> r.value().contains(campaign) && seen.incrementAndGet() == 4, Duration.ofSeconds(30)).stream()
                .filter(r -> r.value().contains(campaign))
                .map(r -> (ContactSettled) CloudEventHeaders.read(r.headers(), r.value()).event())
                .map(s -> s.settlement() + " " + (s.outcome() == null ? null : s.outcome().wireName()) + " " + s.attempt())
                .toList();
    }

    private List<String> rows(String sql, String campaign) {
        List<String> rows = new ArrayList<>();
        for (Row row : pool.preparedQuery(sql).execute(Tuple.of(UUID.fromString(campaign))).await().atMost(Duration.ofSeconds(10))) {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                values.add(row.getValue(i));
            }
            rows.add(values.toString());
        }
        return rows;
    }
}
