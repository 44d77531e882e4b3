package io.outdial.callresult;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.contract.Topics;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallInitiated;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.CampaignProgress;
import io.outdial.contract.events.ContactSettled.Settlement;
import io.outdial.contract.events.ContactSettled;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.ManagementPort;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Call events in, contact outcomes and exact counters out, through Kafka and the outbox; redelivery changes nothing. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "call_result"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SettlementTest {

    private final EventTopics topics = new EventTopics();

    @TestHTTPResource(value = "/", management = true)
    URI management;

    private record Call(String callId, String campaignId, String memberId, String contactId, int attempt) {
        CallInitiated initiated(Instant at) {
            return new CallInitiated(callId, campaignId, memberId, contactId, attempt, "+12025550100", "+12025550123", "d1", 1,
                    60, at, java.util.Map.of());
        }

        CallEnded ended(CallOutcome outcome, Instant at) {
            return new CallEnded(callId, campaignId, memberId, contactId, attempt, outcome, "hangup", at, 1, 2, null);
        }
    }

    private ContactSettled settled(String callId) {
        return (ContactSettled) topics.awaitEvent(Topics.CONTACT_OUTCOMES, "ContactSettled of call " + callId,
                e -> e.event() instanceof ContactSettled s && s.callId().equals(callId), Duration.ofSeconds(30)).event();
    }

    @Test
    void retriesUntilExhaustedCountsEachContactOnceAndIgnoresRedelivery() {
        String campaign = UUID.randomUUID().toString();
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        Instant now = Instant.now();

        Call a1 = new Call(UUID.randomUUID().toString(), campaign, a, UUID.randomUUID().toString(), 1);
        topics.publish(a1.initiated(now));
        String endedId = UUID.randomUUID().toString();
        topics.publish(endedId, a1.ended(CallOutcome.NO_ANSWER, now.plusSeconds(5)));
        topics.publish(endedId, a1.ended(CallOutcome.NO_ANSWER, now.plusSeconds(5)));
        ContactSettled retry = settled(a1.callId());
        assertEquals(Settlement.RETRY, retry.settlement());
        assertEquals(now.plusSeconds(5).plusSeconds(3600), retry.nextAttemptAt());

        Call a2 = new Call(UUID.randomUUID().toString(), campaign, a, a1.contactId(), 2);
        topics.publish(a2.initiated(now));
        topics.publish(a2.ended(CallOutcome.BUSY, now.plusSeconds(9)));
        ContactSettled exhausted = settled(a2.callId());
        assertEquals(Settlement.DONE, exhausted.settlement());
        assertEquals("failed", exhausted.finalStatus());

        Call b1 = new Call(UUID.randomUUID().toString(), campaign, b, UUID.randomUUID().toString(), 1);
        topics.publish(b1.initiated(now));
        topics.publish(b1.ended(CallOutcome.ANSWERED, now.plusSeconds(30)));
        // A second ending of the same call (another event id) settles nothing again.
        topics.publish(b1.ended(CallOutcome.NO_ANSWER, now.plusSeconds(31)));
        assertEquals("completed", settled(b1.callId()).finalStatus());

        CampaignProgress progress = (CampaignProgress) topics.awaitEvent(Topics.CAMPAIGN_PROGRESS, "CampaignProgress with 2 contacts completed",
                e -> e.event() instanceof CampaignProgress p && p.campaignId().equals(campaign) && p.contactsCompleted() == 2,
                Duration.ofSeconds(30)).event();
        assertEquals(2, progress.contactsCalled());
        assertEquals(2, progress.contactsCompleted());
        assertEquals(1, progress.contactsAnswered());

        // The internal read API serves the records (management port, internal token).
        ManagementPort.internal(management).get("/internal/calls?campaignId=" + campaign + "&limit=2").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(3))
                .body("calls.size()", org.hamcrest.Matchers.equalTo(2));
        ManagementPort.internal(management).get("/internal/calls/" + b1.callId()).then().statusCode(200)
                .body("outcome", org.hamcrest.Matchers.equalTo("answered"))
                .body("status", org.hamcrest.Matchers.equalTo("ended"))
                .body("attempt", org.hamcrest.Matchers.equalTo(1));
        ManagementPort.internal(management).get("/internal/calls/" + UUID.randomUUID()).then().statusCode(404);

        long forB = topics.readAll(Topics.CONTACT_OUTCOMES, Duration.ofSeconds(2)).stream()
                .filter(r -> r.value().contains(b1.callId())).count();
        assertEquals(1, forB, "one settlement per call, however often it ends");
        long forA1 = topics.readAll(Topics.CONTACT_OUTCOMES, Duration.ofSeconds(1)).stream()
                .filter(r -> r.value().contains(a1.callId())).count();
        assertEquals(1, forA1, "a redelivered event is applied once");
    }

    /**
     * A redelivered command is skipped, or refused at its claim, while the same call is held and in
     * progress at another dialer: those endings free only a contact still queued (a release without
     * an outcome) and settle nothing, so the holder's end still settles the call, and the record
     * shows the holder's end. The holder giving its claim back unplaced releases with not_dialed.
     */
    @Test
    void aDuplicateCommandsSkipOrRefusalDoesNotEndTheCallHeldElsewhere() {
        String campaign = UUID.randomUUID().toString();
        Instant now = Instant.now();
        Call held = new Call(UUID.randomUUID().toString(), campaign, UUID.randomUUID().toString(), UUID.randomUUID().toString(), 1);
        topics.publish(held.initiated(now));
        topics.publish(new io.outdial.contract.events.CallSkipped(held.callId(), campaign, held.memberId(), held.contactId(), 1,
                "at_capacity", now.plusSeconds(1)));
        topics.publish(new CallEnded(held.callId(), campaign, held.memberId(), held.contactId(), 1, CallOutcome.NOT_DIALED,
                CallEnded.CLAIM_FAILED, now.plusSeconds(2), 0, 0, null));
        topics.publish(held.ended(CallOutcome.ANSWERED, now.plusSeconds(20)));

        java.util.concurrent.atomic.AtomicInteger ofHeld = new java.util.concurrent.atomic.AtomicInteger();
        java.util.List<ContactSettled> settlements = topics.awaitRecords(Topics.CONTACT_OUTCOMES, "three settlements of call "
                + held.callId(), r -> r.value().contains(held.callId()) && ofHeld.incrementAndGet() == 3, Duration.ofSeconds(30))
                .stream().filter(r -> r.value().contains(held.callId()))
                .map(r -> (ContactSettled) io.outdial.contract.CloudEventHeaders.read(r.headers(), r.value()).event()).toList();
        assertEquals(java.util.List.of(Settlement.RELEASED, Settlement.RELEASED, Settlement.DONE),
                settlements.stream().map(ContactSettled::settlement).toList());
        assertEquals(null, settlements.get(0).outcome(), "a skip frees only a contact still queued");
        assertEquals(null, settlements.get(1).outcome(), "so does the ending of a dialer that never held the claim");
        assertEquals(CallOutcome.ANSWERED, settlements.get(2).outcome());
        ManagementPort.internal(management).get("/internal/calls/" + held.callId()).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("ended"))
                .body("outcome", org.hamcrest.Matchers.equalTo("answered"))
                .body("endReason", org.hamcrest.Matchers.equalTo("hangup"));

        // The holder gives the claim back unplaced: released with not_dialed, once.
        Call givenBack = new Call(UUID.randomUUID().toString(), campaign, UUID.randomUUID().toString(), UUID.randomUUID().toString(), 1);
        topics.publish(givenBack.initiated(now));
        topics.publish(new CallEnded(givenBack.callId(), campaign, givenBack.memberId(), givenBack.contactId(), 1,
                CallOutcome.NOT_DIALED, "stale", now.plusSeconds(11), 0, 0, null));
        ContactSettled released = settled(givenBack.callId());
        assertEquals(Settlement.RELEASED, released.settlement());
        assertEquals(CallOutcome.NOT_DIALED, released.outcome(), "the holder's give-back frees the contact from its call");
    }

    @Test
    void aCallThatNeverEndsIsSettledAsLost() {
        String campaign = UUID.randomUUID().toString();
        Call lost = new Call(UUID.randomUUID().toString(), campaign, UUID.randomUUID().toString(), UUID.randomUUID().toString(), 1);
        topics.publish(lost.initiated(Instant.now().minus(Duration.ofHours(2))));
        ContactSettled settled = settled(lost.callId());
        assertEquals(CallOutcome.ERROR, settled.outcome());
        assertEquals(Settlement.RETRY, settled.settlement(), "one retry left");
    }
}
