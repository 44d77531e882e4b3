package io.outdial.campaign.webhooks;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.outdial.campaign.api.ApiClients;
import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CallEnded;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.CampaignStatusChanged;
import io.outdial.contract.events.ContactSettled;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Events on Kafka reach a registered receiver that refuses everything for its first 60 s: every one
 * is delivered in the end, signed, once per message id, and every attempt is listed and replayable.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WebhookDeliveryTest {

    private static final Duration REFUSING = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ApiKeyIssuer keys;

    private final EventTopics topics = new EventTopics();

    @Test
    void everyEventIsDeliveredSignedAndOnceAfterTheReceiverRefusedForAMinute() throws Exception {
        try (WebhookReceiver receiver = new WebhookReceiver(REFUSING, 204)) {
            ApiClients.Team team = ApiClients.newTeam(keys);
            String campaign = team.request().body(Map.of("name", "hooked")).post("/api/crm/campaigns").then().statusCode(201)
                    .extract().path("id");
            JsonPath created = team.request().body(Map.of("url", receiver.url(), "events",
                    List.of("call.ended", "contact.settled", "campaign.status_changed", "campaign.completed"),
                    "description", "test receiver"))
                    .post("/api/crm/webhooks").then().statusCode(201).extract().jsonPath();
            String webhook = created.getString("id");
            receiver.secret(created.getString("secret"));

            // Each event twice under one id, as Kafka may redeliver it: one message each.
            Set<String> expected = new TreeSet<>();
            Instant now = Instant.now();
            for (int i = 0; i < 5; i++) {
                String call = UUID.randomUUID().toString();
                publishTwice(new CallEnded(call, campaign, UUID.randomUUID().toString(), UUID.randomUUID().toString(), 1,
                        CallOutcome.ANSWERED, "hangup", now, 2.0, 30.0, 200));
                publishTwice(new ContactSettled(call, campaign, UUID.randomUUID().toString(), null, 1,
                        ContactSettled.Settlement.DONE, "completed", CallOutcome.ANSWERED, null, now));
                expected.add("call.ended " + call);
                expected.add("contact.settled " + call);
            }
            // A release without an outcome (a command delivered twice, skipped): internal, not sent.
            publishTwice(new ContactSettled(UUID.randomUUID().toString(), campaign, UUID.randomUUID().toString(), null, 1,
                    ContactSettled.Settlement.RELEASED, null, null, null, now));
            publishTwice(new CampaignStatusChanged(campaign, team.teamId(), "paused", "running", 5, "09:00", "17:00",
                    "America/New_York", now));
            publishTwice(new CampaignStatusChanged(campaign, team.teamId(), "completed", "paused", 5, "09:00", "17:00",
                    "America/New_York", now));
            expected.addAll(List.of("campaign.status_changed paused", "campaign.status_changed completed",
                    "campaign.completed completed"));

            await("every message accepted by the receiver").atMost(REFUSING.plusSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> accepted(receiver).size() == expected.size());
            assertEquals(expected, accepted(receiver).keySet(), "what the receiver accepted");
            List<WebhookReceiver.Received> all = receiver.received();
            assertTrue(all.stream().allMatch(WebhookReceiver.Received::signatureValid), "every signature verifies");
            assertTrue(all.stream().anyMatch(r -> r.answered() == 503), "the receiver refused first");

            // One webhook-id per message, across its retries and any redelivery; the same bytes every time.
            Map<String, Set<String>> idsByEvent = new HashMap<>();
            Map<String, Set<String>> bodiesById = new HashMap<>();
            for (WebhookReceiver.Received r : all) {
                idsByEvent.computeIfAbsent(key(r.body()), k -> new HashSet<>()).add(r.webhookId());
                bodiesById.computeIfAbsent(r.webhookId(), k -> new HashSet<>()).add(r.body());
            }
            assertEquals(expected, idsByEvent.keySet());
            idsByEvent.forEach((event, ids) -> assertEquals(1, ids.size(), event + " came with ids " + ids));
            bodiesById.forEach((id, bodies) -> assertEquals(1, bodies.size(), id + " came with bodies " + bodies));

            // Every attempt is listed: as many as the receiver saw, refusals first, the last one accepted.
            JsonPath deliveries = await("every delivery recorded as delivered").atMost(Duration.ofSeconds(30))
                    .until(() -> team.request().get("/api/crm/webhooks/" + webhook + "/deliveries?limit=100").then()
                            .statusCode(200).extract().jsonPath(),
                            page -> page.getList("deliveries.state").stream().allMatch("delivered"::equals));
            assertEquals(expected.size(), deliveries.getInt("total"));
            Map<String, Long> requestsById = all.stream()
                    .collect(Collectors.groupingBy(WebhookReceiver.Received::webhookId, Collectors.counting()));
            List<Map<String, Object>> listed = deliveries.getList("deliveries");
            for (Map<String, Object> delivery : listed) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> attempts = (List<Map<String, Object>>) delivery.get("attempts");
                String id = (String) delivery.get("webhookId");
                assertEquals(requestsById.get(id).intValue(), attempts.size(), "attempts of " + id);
                assertEquals(attempts.size(), delivery.get("attemptCount"));
                assertEquals(503, attempts.get(0).get("httpStatus"), "the first attempt of " + id);
                assertEquals(204, attempts.get(attempts.size() - 1).get("httpStatus"), "the last attempt of " + id);
                for (int i = 0; i < attempts.size(); i++) {
                    assertEquals(i + 1, attempts.get(i).get("attempt"));
                }
            }

            // A replay is one more request of the same message.
            Map<String, Object> replayed = listed.get(0);
            String replayedId = (String) replayed.get("webhookId");
            long before = requestsById.get(replayedId);
            team.request().post("/api/crm/webhooks/" + webhook + "/deliveries/" + replayed.get("id") + "/replay").then()
                    .statusCode(202);
            await("the replay received").atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.received().stream().filter(r -> r.webhookId().equals(replayedId)).count() == before + 1);
            WebhookReceiver.Received replay = receiver.received().get(receiver.received().size() - 1);
            assertEquals(replayedId, replay.webhookId());
            assertTrue(replay.signatureValid());
            assertEquals(bodiesById.get(replayedId), Set.of(replay.body()));
            await("the replay recorded").atMost(Duration.ofSeconds(30)).until(() -> team.request()
                    .get("/api/crm/webhooks/" + webhook + "/deliveries?limit=100").then().extract().jsonPath()
                    .getList("deliveries.findAll { it.webhookId == '" + replayedId + "' }.attemptCount").get(0)
                    .equals((int) before + 1));

            topics.awaitConsumed("campaign-service-webhooks", Topics.CALL_EVENTS, Duration.ofSeconds(30));
            team.request().delete("/api/crm/webhooks/" + webhook).then().statusCode(204);
        }
    }

    private void publishTwice(io.outdial.contract.events.CampaignEvent event) {
        String id = UUID.randomUUID().toString();
        topics.publish(id, event);
        topics.publish(id, event);
    }

    /** The accepted requests by event: "type callId" or "type status". */
    private static Map<String, List<WebhookReceiver.Received>> accepted(WebhookReceiver receiver) {
        return receiver.received().stream().filter(r -> r.answered() / 100 == 2)
                .collect(Collectors.groupingBy(r -> key(r.body())));
    }

    private static String key(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            String type = json.path("type").asText();
            JsonNode data = json.path("data");
            assertTrue(json.path("timestamp").isTextual(), body);
            return type + " " + (type.startsWith("campaign.") ? data.path("status").asText() : data.path("callId").asText());
        } catch (Exception e) {
            throw new AssertionError("not a webhook body: " + body, e);
        }
    }
}
