package io.outdial.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.campaign.application.Feeder;
import io.outdial.campaign.persistence.Rows;
import io.outdial.contract.events.DialContact;
import io.outdial.testsupport.DaytimeZones;
import io.outdial.testsupport.ManagementPort;
import io.outdial.testsupport.RealInfrastructureResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Eligibility in the dispatch loop (DESIGN 4b, invariants I2 and I9) against the real database: the
 * feeder dials only contacts inside their legal hours and parks the others with the time they
 * become eligible; the claim refuses a number put on the do-not-call list after its command was
 * released, and enforces a number's cap across two campaigns.
 *
 * <p>The wall clock is real here, so contacts are placed (by their own {@code timezone}) in zones
 * without daylight saving time where it is now midday, or the middle of the night.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructureResource.class, initArgs = @ResourceArg(name = "database", value = "campaign"))
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ComplianceDispatchTest {

    private static final Duration DB_WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @TestHTTPResource(value = "/", management = true)
    URI management;

    @Inject
    Feeder feeder;

    String team;

    @BeforeEach
    void newTeam() {
        team = "team-" + UUID.randomUUID();
    }

    private void sql(String sql, Object... args) {
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(DB_WAIT);
    }

    private Row row(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(DB_WAIT).iterator().next();
    }

    private static String zoneAt(int hour) {
        return DaytimeZones.now(hour);
    }

    /** A running us_tcpa campaign (window open all day, UTC) with one caller ID and cap {@code cap}. */
    private UUID campaign(int cap) {
        return campaign(cap, "Etc/UTC");
    }

    /** As {@link #campaign(int)}, its window (00:00 to 23:59) in {@code windowZone}. */
    private UUID campaign(int cap, String windowZone) {
        UUID campaign = UUID.randomUUID();
        sql("""
                INSERT INTO campaigns (id, team_id, assistant_id, name, status, call_window_start, call_window_end,
                    call_window_timezone, max_concurrent_calls, max_retries, retry_delay_minutes, compliance_profile)
                VALUES ($1, $2, 'asst', 'compliance', 'running', '00:00', '23:59', $4, $3, 0, 60, 'us_tcpa')
                """, campaign, team, cap, windowZone);
        UUID number = UUID.randomUUID();
        sql("INSERT INTO phone_numbers (id, team_id, number) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", number, team,
                "+12025550399");
        UUID owned = row("SELECT id FROM phone_numbers WHERE team_id = $1 AND number = '+12025550399'", team).getUUID(0);
        sql("INSERT INTO campaign_phone_numbers (campaign_id, phone_number_id, position) VALUES ($1, $2, 0)", campaign, owned);
        return campaign;
    }

    /** A contact of the team with this number, placed by its own timezone (and state when given). */
    private UUID contact(String phone, String timezone, String state) {
        UUID contact = UUID.randomUUID();
        sql("INSERT INTO contacts (id, team_id, phone, timezone, state) VALUES ($1, $2, $3, $4, $5)", contact, team, phone,
                timezone, state);
        return contact;
    }

    private UUID join(UUID campaign, UUID contact) {
        UUID member = UUID.randomUUID();
        sql("INSERT INTO campaign_contacts (id, campaign_id, contact_id, status) VALUES ($1, $2, $3, 'pending')", member,
                campaign, contact);
        return member;
    }

    private List<String> claim(List<DialContact> commands) {
        List<Map<String, String>> claims = commands.stream()
                .map(c -> Map.of("callId", c.callId(), "campaignId", c.campaignId())).toList();
        List<Map<String, String>> results = ManagementPort.internal(management).contentType(ContentType.JSON)
                .body(Map.of("claims", claims)).post("/internal/claims").then().statusCode(200).extract().path("results");
        return results.stream().map(r -> r.get("result")).toList();
    }

    @Test
    void onlyContactsInsideTheirLegalHoursAreDialedAndTheOthersWaitUntilTheirMorning() {
        String night = zoneAt(3);
        String noon = zoneAt(13);
        // The window in the night contact's zone: its 08:00 then never falls on the window's closed
        // minute (23:59 to 00:00), which would make the window, not the local hours, the reason it waits.
        UUID campaign = campaign(10, night);
        // The night contact comes first in the queue: it must not hold back the one that may be called.
        UUID asleep = join(campaign, contact("+12025550101", night, null));
        UUID awake = join(campaign, contact("+12025550102", noon, null));

        List<DialContact> released = feeder.release(campaign).await().atMost(DB_WAIT);

        assertEquals(List.of(awake.toString()), released.stream().map(DialContact::campaignContactId).toList(),
                "only the contact at midday (" + noon + ") is dialed, not the one at night (" + night + ")");
        Row waiting = row("SELECT status, wait_reason, next_eligible_at FROM campaign_contacts WHERE id = $1", asleep);
        assertEquals("pending", waiting.getString("status"));
        assertEquals("outside_local_hours", waiting.getString("wait_reason"));
        ZonedDateTime opens = waiting.getOffsetDateTime("next_eligible_at").toInstant().atZone(ZoneId.of(night));
        assertEquals(LocalTime.of(8, 0), opens.toLocalTime(), "it becomes eligible at 08:00 at the contact, " + opens);
        assertTrue(opens.toInstant().isAfter(Instant.now()) && opens.toInstant().isBefore(Instant.now().plus(Duration.ofHours(8))));

        // The waiting contact is out of the pick: a second release finds nobody, without looking at it again.
        assertEquals(0, feeder.release(campaign).await().atMost(DB_WAIT).size());
        // When its time comes (moved here to now) the feeder's timer wakes it, and eligibility is asked again.
        sql("UPDATE campaign_contacts SET next_eligible_at = now() - interval '1 second' WHERE id = $1", asleep);
        feeder.tick().await().atMost(DB_WAIT);
        Row again = row("SELECT wait_reason, next_eligible_at FROM campaign_contacts WHERE id = $1", asleep);
        assertEquals("outside_local_hours", again.getString("wait_reason"), "still night there: it waits again");
        assertNotNull(again.getOffsetDateTime("next_eligible_at"));

        // A wait that time alone does not end (timezone_unknown) is stored as infinity and read as no time.
        sql("UPDATE campaign_contacts SET next_eligible_at = 'infinity', wait_reason = 'timezone_unknown' WHERE id = $1", asleep);
        assertNull(Rows.instant(row("SELECT next_eligible_at FROM campaign_contacts WHERE id = $1", asleep), "next_eligible_at"));
    }

    @Test
    void aNumberPutOnTheDoNotCallListAfterItsCommandWasReleasedIsRefusedAtClaimAndAudited() {
        UUID campaign = campaign(10);
        String noon = zoneAt(13);
        UUID member = join(campaign, contact("+12025550201", noon, null));
        List<DialContact> released = feeder.release(campaign).await().atMost(DB_WAIT);
        assertEquals(1, released.size(), "dialable before the add");

        sql("INSERT INTO dnc_numbers (team_id, number, source) VALUES ($1, '+12025550201', 'test')", team);

        assertEquals(List.of("not_eligible"), claim(released));
        Row contact = row("SELECT status, skip_reason, attempts FROM campaign_contacts WHERE id = $1", member);
        assertEquals("skipped", contact.getString("status"));
        assertEquals("dnc_list", contact.getString("skip_reason"));
        assertEquals(0, contact.getInteger("attempts"), "never dialed");
        Row audit = row("SELECT kind, reason, local_time, rules_version FROM audit_events WHERE call_id = $1",
                UUID.fromString(released.get(0).callId()));
        assertEquals("refusal", audit.getString("kind"));
        assertEquals("dnc_list", audit.getString("reason"));
        assertTrue(audit.getString("local_time").endsWith("[" + noon + "]"), audit.getString("local_time"));
        assertEquals("v1", audit.getString("rules_version"));
        assertEquals(0L, row("SELECT count(*) FROM dial_attempts WHERE team_id = $1", team).getLong(0));
    }

    @Test
    void aFloridaNumbersCapOfThreeIn24HoursHoldsAcrossTwoCampaigns() {
        String noon = zoneAt(13);
        UUID contact = contact("+13055550301", noon, "FL");
        UUID first = campaign(10);
        UUID second = campaign(10);
        UUID inFirst = join(first, contact);
        UUID inSecond = join(second, contact);
        // Two attempts to the number earlier today, from another campaign of the team.
        for (int i = 1; i <= 2; i++) {
            sql("INSERT INTO dial_attempts (team_id, number, attempted_at, campaign_id, call_id) VALUES ($1, $2, $3, $4, $5)",
                    team, "+13055550301", OffsetDateTime.now().minusHours(i), UUID.randomUUID(), UUID.randomUUID());
        }
        List<DialContact> a = feeder.release(first).await().atMost(DB_WAIT);
        List<DialContact> b = feeder.release(second).await().atMost(DB_WAIT);
        assertEquals(1, a.size());
        assertEquals(1, b.size(), "each campaign releases its command: the claim is the authority");

        List<String> results = List.of(claim(a).get(0), claim(b).get(0));

        assertEquals(List.of("granted", "not_eligible"), results, "the third attempt passes, a fourth does not");
        Row refused = row("SELECT status, wait_reason, next_eligible_at FROM campaign_contacts WHERE id = $1", inSecond);
        assertEquals("pending", refused.getString("status"));
        assertEquals("frequency_cap", refused.getString("wait_reason"));
        Instant oldest = Instant.now().minus(Duration.ofHours(2));
        assertTrue(refused.getOffsetDateTime("next_eligible_at").toInstant()
                .isAfter(oldest.plus(Duration.ofHours(24)).minus(1, ChronoUnit.MINUTES)),
                "it waits until the oldest attempt leaves the 24 h: " + refused.getOffsetDateTime("next_eligible_at"));
        assertEquals(3L, row("SELECT count(*) FROM dial_attempts WHERE team_id = $1", team).getLong(0));
        assertEquals("calling", row("SELECT status FROM campaign_contacts WHERE id = $1", inFirst).getString(0));
    }

    @Test
    void aTeamsOwnCapLowersTheJurisdictionsOnes() {
        sql("INSERT INTO team_settings (team_id, max_attempts_per_24h) VALUES ($1, 1)", team);
        String noon = zoneAt(13);
        UUID member = join(campaign(10), contact("+12025550401", noon, null)); // Washington, DC: no cap of its own
        sql("INSERT INTO dial_attempts (team_id, number, attempted_at, campaign_id, call_id) VALUES ($1, $2, $3, $4, $5)",
                team, "+12025550401", OffsetDateTime.now().minusHours(3), UUID.randomUUID(), UUID.randomUUID());
        UUID campaign = row("SELECT campaign_id FROM campaign_contacts WHERE id = $1", member).getUUID(0);

        assertEquals(0, feeder.release(campaign).await().atMost(DB_WAIT).size(), "the team's cap of 1 is reached");
        Row waiting = row("SELECT wait_reason FROM campaign_contacts WHERE id = $1", member);
        assertEquals("frequency_cap", waiting.getString("wait_reason"));
    }
}
