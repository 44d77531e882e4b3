package io.outdial.system;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.bench.InvariantChecker;
import io.outdial.contract.events.RetryRule;
import io.outdial.testsupport.CallLedger;
import io.outdial.testsupport.CampaignApi;
import io.outdial.testsupport.EventTopics;
import io.outdial.testsupport.Sipp;
import io.outdial.testsupport.SystemStack;
import io.outdial.testsupport.TestInfrastructure;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Real SIP on the wire: the packaged services with two dialers on the sip provider, against one
 * SIPp user agent server that answers each call by the last digit of the dialed number
 * ({@code sipp/by-number.xml}: 0-5 answer, 6 busy, 7 ring then unavailable, 8 decline, 9 not found).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class SipCampaignIT {

    /** Outcome and final SIP status each last digit of a number is scripted to end with. */
    private static final Map<Character, List<Object>> SCRIPT = Map.of(
            '0', List.of("answered", 200), '1', List.of("answered", 200), '2', List.of("answered", 200),
            '3', List.of("answered", 200), '4', List.of("answered", 200), '5', List.of("answered", 200),
            '6', List.of("busy", 486), '7', List.of("no_answer", 480), '8', List.of("declined", 603),
            '9', List.of("invalid_number", 404));
    private static final Pattern OUTDIAL_CALL_ID = Pattern.compile("(?im)^X-Outdial-Call-Id:\\s*(\\S+)");
    private static final Pattern SIP_CALL_ID = Pattern.compile("(?im)^Call-ID:\\s*(\\S+)");

    private static Sipp trunk;
    private static SystemStack stack;
    private final EventTopics topics = new EventTopics();

    @BeforeAll
    static void startSystem() throws Exception {
        trunk = Sipp.serve("by-number.xml", Sipp.Transport.UDP, 0, "-d", "100");
        stack = SystemStacks.open(new SystemStacks.Settings(2, Map.of(
                "OUTDIAL_TELEPHONY", "sip",
                "OUTDIAL_SIP_TRUNK", "127.0.0.1:" + trunk.port(),
                "OUTDIAL_SIP_CPS", "200"), Map.of(), Map.of(), false), "sip");
    }

    @AfterAll
    static void stopSystem() {
        // The stack's dialers point at this trunk: it stops first, nothing is to be shared.
        SystemStacks.close();
        if (trunk != null) {
            trunk.close();
        }
    }

    private RequestSpecification api() {
        return given().baseUri(stack.campaign.url()).header("Authorization", "Bearer " + SystemStack.DEV_KEY)
                .contentType(ContentType.JSON);
    }

    @Test
    void everyCallEndsAsItsNumberIsScriptedRetriesFollowTheRulesAndNoCallIsPlacedTwice() throws Exception {
        int contacts = 300;
        int cap = 20;
        int maxRetries = 2;
        Map<String, RetryRule> rules = Map.of("busy", new RetryRule(0, 2));
        CampaignApi bulk = new CampaignApi(stack.campaign.url(), SystemStack.DEV_KEY, SystemStack.ACCOUNT);
        List<String> contactIds = bulk.contacts("sip" + Long.toString(System.nanoTime(), 36), contacts);
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        Map<String, Object> body = new HashMap<>();
        body.put("name", "sip run");
        body.put("assistantId", "asst-sip");
        body.put("fromNumberIds", bulk.callerIds());
        body.put("maxConcurrentCalls", cap);
        body.put("maxRetries", maxRetries);
        body.put("retryDelayMinutes", 0);
        body.put("retryRules", Map.of("busy", Map.of("delayMinutes", 0, "maxAttempts", 2)));
        body.put("ringTimeoutSeconds", 15);
        // A call the trunk drops under load (a late INVITE retransmission after its 180) then ends in 10 s, not 30 min.
        body.put("maxCallDurationSeconds", 10);
        body.put("callWindowStart", now.minusHours(2).truncatedTo(ChronoUnit.MINUTES).toString());
        body.put("callWindowEnd", now.plusHours(6).truncatedTo(ChronoUnit.MINUTES).toString());
        body.put("callWindowTimezone", "Etc/UTC");
        // This test is about the campaign window and the dispatch loop, not legal hours (ComplianceIT).
        body.put("complianceProfile", "none");
        body.put("complianceOptOut", true);
        String campaign = api().body(body).post("/api/crm/campaigns").then().statusCode(201).extract().path("id");
        bulk.addContacts(campaign, contactIds);
        bulk.run(campaign);
        bulk.awaitCompleted(campaign, Duration.ofMinutes(8));

        CallLedger ledger = SystemChecks.assertInvariants(api(), topics, campaign, contacts, cap, maxRetries, rules);
        InvariantChecker checker = InvariantChecker.check(TestInfrastructure.get().kafkaBootstrapServers(), bulk, List.of(campaign));
        assertTrue(checker.passed(), "I1-I5 by the invariant checker:\n" + checker.report());

        // Every attempt's outcome and SIP status in the calls API is what its number's script says.
        List<Map<String, Object>> calls = new ArrayList<>();
        for (int offset = 0;; offset += 500) {
            List<Map<String, Object>> page = api().get("/api/crm/calls?campaignId=" + campaign + "&limit=500&offset=" + offset)
                    .then().statusCode(200).extract().path("calls");
            calls.addAll(page);
            if (page.size() < 500) {
                break;
            }
        }
        List<String> unlikeScript = new ArrayList<>();
        Map<String, Integer> attemptsPerContact = new HashMap<>();
        Map<String, Character> digitOfContact = new HashMap<>();
        for (Map<String, Object> call : calls) {
            if (!"ended".equals(call.get("status")) || "not_dialed".equals(call.get("outcome"))) {
                continue;
            }
            String to = (String) call.get("toNumber");
            char digit = to.charAt(to.length() - 1);
            List<Object> expected = SCRIPT.get(digit);
            if (!expected.equals(List.of(call.get("outcome"), call.get("sipStatus")))) {
                unlikeScript.add(to + ": " + call.get("outcome") + "/" + call.get("sipStatus") + ", scripted " + expected);
            }
            attemptsPerContact.merge((String) call.get("contactId"), 1, Integer::sum);
            digitOfContact.put((String) call.get("contactId"), digit);
        }
        assertEquals(List.of(), unlikeScript.stream().limit(10).toList(), "calls unlike their number's script");
        assertEquals(contacts, attemptsPerContact.size(), "every contact was called");

        // Attempts: busy stops at its rule's 2, no answer at 1 + maxRetries, everything else after one.
        Map<Character, Set<Integer>> attemptsByDigit = new TreeMap<>();
        attemptsPerContact.forEach((contact, n) -> attemptsByDigit
                .computeIfAbsent(digitOfContact.get(contact), d -> new TreeSet<>()).add(n));
        attemptsByDigit.forEach((digit, seen) -> {
            int expected = digit == '6' ? 2 : digit == '7' ? 1 + maxRetries : 1;
            assertEquals(Set.of(expected), seen, "attempts of contacts whose number ends in " + digit);
        });

        // SIPp saw one INVITE transaction per attempt: no call was placed twice.
        Map<String, Set<String>> sipCallsPerCall = new HashMap<>();
        trunk.received().stream().filter(m -> "INVITE".equals(m.method())).forEach(m -> sipCallsPerCall
                .computeIfAbsent(header(OUTDIAL_CALL_ID, m.text()), id -> new TreeSet<>()).add(header(SIP_CALL_ID, m.text())));
        Set<String> attempts = new TreeSet<>();
        ledger.attempts().forEach(c -> attempts.add(c.callId));
        assertEquals(attempts, sipCallsPerCall.keySet(), "the calls SIPp was invited to are the attempts counted");
        assertTrue(sipCallsPerCall.values().stream().allMatch(ids -> ids.size() == 1), "a call was placed twice");
        System.out.printf("sip: %d contacts, %d attempts, peak concurrency %d of %d, dialers %s%n", contacts,
                attempts.size(), ledger.peakConcurrency(), cap, ledger.dialers());
    }

    private static String header(Pattern header, String message) {
        Matcher m = header.matcher(message);
        return m.find() ? m.group(1) : "(none)";
    }
}
