package io.outdial.campaign.api;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.application.ApiKeyIssuer;
import io.outdial.contract.CloudEventHeaders;
import io.outdial.contract.Topics;
import io.outdial.contract.events.CampaignStatusChanged;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Status changes reach {@code campaign.lifecycle.v1} through the outbox, with CloudEvents headers, in order. */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class LifecycleEventsTest {

    /** The longest a database statement of this test may take before the test fails. */
    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    @Inject
    ApiKeyIssuer keys;

    @Inject
    Pool pool;

    private final EventTopics topics = new EventTopics();

    @Test
    void pauseAndResumeArePublishedInOrderAndTheOutboxEmpties() {
        ApiClients.Team team = ApiClients.newTeam(keys);
        String number = team.request().body(Map.of("number", "+12025550170")).post("/api/crm/phone-numbers").then()
                .statusCode(201).extract().path("id");
        String contact = team.request().body(Map.of("phone", "+12025550171")).post("/api/crm/contacts").then().statusCode(201)
                .extract().path("id");
        String id = team.request().body(Map.of("name", "watched", "fromNumberIds", java.util.List.of(number)))
                .post("/api/crm/campaigns").then().statusCode(201).extract().path("id");
        team.request().body(Map.of("contactIds", java.util.List.of(contact))).post("/api/crm/campaigns/" + id + "/contacts")
                .then().statusCode(200);
        team.request().body(Map.of("accountSlug", team.accountSlug())).post("/api/crm/campaigns/" + id + "/run")
                .then().statusCode(200);
        team.request().post("/api/crm/campaigns/" + id + "/pause").then().statusCode(200);
        team.request().post("/api/crm/campaigns/" + id + "/resume").then().statusCode(200);

        var records = topics.awaitRecords(Topics.CAMPAIGN_LIFECYCLE, "the resume event of campaign " + id, r -> id.equals(r.key())
                && CloudEventHeaders.read(r.headers(), r.value()).event() instanceof CampaignStatusChanged s
                && s.previousStatus().equals("paused"), Duration.ofSeconds(30));
        var mine = records.stream().filter(r -> id.equals(r.key()))
                .map(r -> (CampaignStatusChanged) CloudEventHeaders.read(r.headers(), r.value()).event()).toList();
        assertEquals(3, mine.size());
        assertEquals("running", mine.get(0).status());
        assertEquals("draft", mine.get(0).previousStatus());
        assertEquals("paused", mine.get(1).status());
        assertEquals("running", mine.get(2).status());
        var last = records.get(records.size() - 1);
        assertEquals(id, new String(last.headers().lastHeader("ce_subject").value(), StandardCharsets.UTF_8));
        assertEquals("io.outdial.campaign.status-changed.v1", new String(last.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
        UUID.fromString(new String(last.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));

        await("the outbox emptied by the relay").atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery("SELECT count(*) FROM outbox WHERE message_key = $1")
                .execute(Tuple.of(id)).await().atMost(DB_WAIT).iterator().next().getLong(0) == 0);
    }
}
