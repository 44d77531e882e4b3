package io.outdial.dialer.telephony.sip;

import static io.outdial.dialer.telephony.sip.SipTestCalls.call;
import static io.outdial.dialer.telephony.sip.SipTestCalls.loopbackTrunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.contract.events.CallOutcome;
import io.outdial.dialer.domain.TelephonyProvider.CallRequest;
import io.outdial.dialer.telephony.sip.RecordingListener.Outcome;
import io.outdial.dialer.telephony.sip.SipSettings.Transport;
import io.outdial.testsupport.Sipp;

/** The SIP provider against SIPp on loopback: real SIP on the wire, the listener's events, and what SIPp saw. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SipTelephonyProviderTest extends SipTrunkHarness {

    @Test
    void answeredCallEndsWithTheFarEndsBye() {
        trunk("answer-all.xml", Transport.UDP, 1, "-d", "300");
        CallRequest call = call("+12025550123");

        var ended = place(call).awaitEnded(CALL_ENDS);

        assertEquals(new Outcome(CallOutcome.ANSWERED, "hangup", 200), ended.summary());
        assertTrue(ended.talkSeconds() >= 0.2, "talked " + ended.talkSeconds() + " s");
        sipp.awaitScenarioPassed(SIPP_FINISHES);
        assertEquals(List.of("INVITE", "ACK"), sipp.receivedRequests());
        assertTrue(sipp.received().get(2).firstLine().startsWith("SIP/2.0 200"), "SIPp got the answer to its BYE: " + sipp.received());
    }

    @Test
    void inviteCarriesTheNumberCallerIdOutdialHeadersAndAnOffer() {
        trunk("answer-all.xml", Transport.UDP, 1);
        CallRequest call = call("+12025550123");
        place(call).awaitEnded(CALL_ENDS);
        sipp.awaitScenarioPassed(SIPP_FINISHES);

        String invite = sipp.received().get(0).text();
        assertTrue(invite.startsWith("INVITE sip:12025550123@127.0.0.1:" + sipp.port() + " SIP/2.0"), invite);
        assertTrue(invite.matches("(?s).*\\nFrom: <sip:12025550100@[^>]*>;tag=.*"), "caller ID in From:\n" + invite);
        for (String header : List.of("X-Outdial-Call-Id: " + call.callId(), "X-Outdial-Campaign-Id: " + call.campaignId(),
                "X-Outdial-Contact-Id: " + call.contactId(), "X-Outdial-Assistant-Id: " + SipTestCalls.ASSISTANT_ID,
                "X-Outdial-Attempt: " + SipTestCalls.ATTEMPT, "Content-Type: application/sdp", "c=IN IP4 127.0.0.1",
                "m=audio " + SipMessages.MEDIA_PORT + " RTP/AVP")) {
            assertTrue(invite.contains(header), header + " in\n" + invite);
        }
    }

    @Test
    void inviteCarriesTheAssistantVariablesOneSafeHeaderEach() {
        trunk("answer-all.xml", Transport.UDP, 1);
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("firstName", "José");
        variables.put("plan", "gold; tier=\"2\", 100%");
        variables.put("note", "line one\r\nVia: SIP/2.0/UDP evil");
        variables.put("bad name", "dropped");
        CallRequest base = call("+12025550123");
        CallRequest call = new CallRequest(base.callId(), base.campaignId(), base.contactId(), base.attempt(), base.toNumber(),
                base.fromNumber(), base.assistantId(), base.ringTimeoutSeconds(), base.maxCallDurationSeconds(), null, variables);

        assertEquals(CallOutcome.ANSWERED, place(call).awaitEnded(CALL_ENDS).summary().outcome());
        sipp.awaitScenarioPassed(SIPP_FINISHES);

        String invite = sipp.received().get(0).text();
        List<String> lines = invite.lines().toList();
        for (String header : List.of("X-Outdial-Call-Id: " + call.callId(), "X-Outdial-Campaign-Id: " + call.campaignId(),
                "X-Outdial-Var-firstName: Jos%C3%A9", "X-Outdial-Var-plan: gold; tier=\"2\", 100%25",
                "X-Outdial-Var-note: line one%0D%0AVia: SIP/2.0/UDP evil")) {
            assertTrue(lines.contains(header), header + " in\n" + invite);
        }
        assertFalse(invite.contains("bad name"), "a name that is no identifier is left out:\n" + invite);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("Via:")).count(), "no header injected:\n" + invite);
    }

    @Test
    void voicemailIsWhatTheFarEndSaysOnItsBye() {
        trunk("answer-all.xml", Transport.UDP, 1, "-set", "disposition", "voicemail");

        var listener = place(call("+12025550123"));

        assertEquals(new Outcome(CallOutcome.VOICEMAIL, "hangup", 200), listener.awaitEnded(CALL_ENDS).summary());
        assertEquals(List.of("ringing", "answered", "ended"), listener.events());
        sipp.awaitScenarioPassed(SIPP_FINISHES);
    }

    @Test
    void dialerHangsUpAtTheMaximumCallDuration() {
        trunk("answer-await-bye.xml", Transport.UDP, 1);

        var listener = place(call("+12025550123", 30, 1));
        var ended = listener.awaitEnded(CALL_ENDS);

        assertEquals(new Outcome(CallOutcome.ANSWERED, "max_duration", 200), ended.summary());
        assertTrue(ended.talkSeconds() >= 0.9 && ended.talkSeconds() < 5, "talked " + ended.talkSeconds() + " s");
        assertEquals(List.of("ringing", "answered", "ended"), listener.events());
        sipp.awaitScenarioPassed(SIPP_FINISHES);
        assertEquals(List.of("INVITE", "ACK", "BYE"), sipp.receivedRequests());
    }

    @Test
    void serviceUnavailableIsACarrierError() {
        trunk("service-unavailable.xml", Transport.UDP, 1);

        var listener = place(call("+12025550123"));

        assertEquals(new Outcome(CallOutcome.CARRIER_ERROR, "rejected", 503), listener.awaitEnded(CALL_ENDS).summary());
        assertEquals(List.of("ended"), listener.events());
        sipp.awaitScenarioPassed(SIPP_FINISHES);
        assertEquals(List.of("INVITE", "ACK"), sipp.receivedRequests(), "the stack ACKs the 503");
    }

    @Test
    void ringTimeoutCancelsTheCallAndItsEndIsNoAnswer() {
        trunk("ring-until-cancel.xml", Transport.UDP, 1);

        var listener = place(call("+12025550123", 1, 600));
        var ended = listener.awaitEnded(CALL_ENDS);

        assertEquals(new Outcome(CallOutcome.NO_ANSWER, "ring_timeout", 487), ended.summary());
        assertTrue(ended.ringSeconds() >= 0.8, "rang " + ended.ringSeconds() + " s");
        assertEquals(List.of("ringing", "ended"), listener.events());
        sipp.awaitScenarioPassed(SIPP_FINISHES);
        assertEquals(List.of("INVITE", "CANCEL", "ACK"), sipp.receivedRequests());
    }

    @Test
    void answerThatCrossesOurCancelIsAcknowledgedHungUpAndAbandoned() {
        trunk("answer-after-cancel.xml", Transport.UDP, 1);

        var listener = place(call("+12025550123", 1, 600));

        assertEquals(new Outcome(CallOutcome.ABANDONED, "answered_after_cancel", 200), listener.awaitEnded(CALL_ENDS).summary());
        assertEquals(List.of("ringing", "ended"), listener.events(), "the call never reached the assistant");
        sipp.awaitScenarioPassed(SIPP_FINISHES);
        assertEquals(List.of("INVITE", "CANCEL", "ACK", "BYE"), sipp.receivedRequests());
    }

    @Test
    void noResponseAtAllIsACarrierErrorAfterTimerB() {
        // Nothing listens on this port; T1 = 50 ms makes Timer B (64 T1) 3.2 s.
        startProvider(loopbackTrunk(Sipp.freePort(Sipp.Transport.UDP), Transport.UDP).withRetransmitMillis(50));
        long start = System.nanoTime();

        var listener = place(call("+12025550123"));
        var ended = listener.awaitEnded(CALL_ENDS);

        assertEquals(new Outcome(CallOutcome.CARRIER_ERROR, "no_response", null), ended.summary());
        assertEquals(List.of("ended"), listener.events());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds >= 2.5 && seconds < 15, "Timer B fired after " + seconds + " s");
    }

    @Test
    void tcpCarriesTheWholeCall() {
        trunk("answer-all.xml", Transport.TCP, 1, "-d", "200");

        var listener = place(call("+12025550123"));

        assertEquals(new Outcome(CallOutcome.ANSWERED, "hangup", 200), listener.awaitEnded(CALL_ENDS).summary());
        sipp.awaitScenarioPassed(SIPP_FINISHES);
        assertEquals(List.of("INVITE", "ACK"), sipp.receivedRequests());
        String invite = sipp.received().get(0).text();
        assertTrue(invite.contains("Via: SIP/2.0/TCP"), invite);
        assertTrue(invite.startsWith("INVITE sip:12025550123@127.0.0.1:" + sipp.port() + ";transport=tcp SIP/2.0"), invite);
    }

    @Test
    void callsLeaveNoFasterThanTheCallsPerSecondLimitAndInOrder() {
        sipp = Sipp.serve("answer-all.xml", Sipp.Transport.UDP, 5, "-d", "200");
        startProvider(SipTestCalls.withCallsPerSecond(loopbackTrunk(sipp.port(), Transport.UDP), 2));

        List<CallRequest> calls = new ArrayList<>();
        List<RecordingListener> listeners = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            calls.add(call("+1202555012" + i));
            listeners.add(place(calls.get(i)));
        }
        listeners.forEach(l -> assertEquals(CallOutcome.ANSWERED, l.awaitEnded(CALL_ENDS).outcome()));
        sipp.awaitScenarioPassed(SIPP_FINISHES);

        List<Sipp.Message> invites = sipp.received().stream().filter(m -> "INVITE".equals(m.method())).toList();
        assertEquals(5, invites.size());
        for (int i = 0; i < 5; i++) {
            assertTrue(invites.get(i).text().contains("X-Outdial-Call-Id: " + calls.get(i).callId()), "call " + i + " left " + i + "th");
        }
        for (int i = 1; i < 5; i++) {
            long gapMillis = Duration.between(invites.get(i - 1).at(), invites.get(i).at()).toMillis();
            assertTrue(gapMillis >= 350, "INVITEs " + (i - 1) + " and " + i + " only " + gapMillis + " ms apart at 2 calls per second");
        }
        long spanMillis = Duration.between(invites.get(0).at(), invites.get(4).at()).toMillis();
        assertTrue(spanMillis >= 1800, "5 INVITEs at 2 per second took only " + spanMillis + " ms");
    }

    @Test
    void aCallStillWaitingForTheRateLimitAtItsPlaceDeadlineIsNotDialed() {
        sipp = Sipp.serve("answer-all.xml", Sipp.Transport.UDP, 2, "-d", "200");
        startProvider(SipTestCalls.withCallsPerSecond(loopbackTrunk(sipp.port(), Transport.UDP), 1));

        // At one call a second the fourth INVITE could leave only ~3 s from now: its deadline is 1.5 s.
        java.time.Instant placeBy = java.time.Instant.now().plusMillis(1500);
        List<RecordingListener> listeners = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            listeners.add(place(SipTestCalls.call("+1202555013" + i, 30, 600, placeBy)));
        }
        assertEquals(CallOutcome.ANSWERED, listeners.get(0).awaitEnded(CALL_ENDS).outcome());
        assertEquals(CallOutcome.ANSWERED, listeners.get(1).awaitEnded(CALL_ENDS).outcome());
        for (int i = 2; i < 4; i++) {
            assertEquals(new Outcome(CallOutcome.NOT_DIALED, "stale", null), listeners.get(i).awaitEnded(CALL_ENDS).summary(),
                    "call " + i + " waited past its deadline");
        }
        sipp.awaitScenarioPassed(SIPP_FINISHES);
        assertEquals(2, sipp.received().stream().filter(m -> "INVITE".equals(m.method())).count(), "only the calls in time were dialed");
    }

    @Test
    void shutdownLetsCallsEndByThemselvesWithinTheGracePeriod() {
        trunk("answer-all.xml", Transport.UDP, 1, "-d", "500");
        var listener = place(call("+12025550123"));
        listener.awaitAnswered(CALL_ENDS);

        provider.shutdown(Duration.ofSeconds(15));

        var ended = listener.awaitEnded(Duration.ofMillis(1));
        assertEquals(new Outcome(CallOutcome.ANSWERED, "hangup", 200), ended.summary(), "ended by the far end before shutdown returned");
        sipp.awaitScenarioPassed(SIPP_FINISHES);
    }

    @Test
    void shutdownHangsUpWhatIsStillUpAfterTheGracePeriodAndTakesNoMoreCalls() {
        trunk("answer-await-bye.xml", Transport.UDP, 1);
        var listener = place(call("+12025550123"));
        listener.awaitAnswered(CALL_ENDS);

        provider.shutdown(Duration.ofMillis(300));

        assertEquals(new Outcome(CallOutcome.ANSWERED, "dialer_shutdown", 200), listener.awaitEnded(Duration.ofMillis(1)).summary());
        assertEquals(0, provider.callsInProgress());
        sipp.awaitScenarioPassed(SIPP_FINISHES);
        assertEquals(List.of("INVITE", "ACK", "BYE"), sipp.receivedRequests());

        var late = place(call("+12025550124"));
        var notDialed = late.awaitEnded(Duration.ofSeconds(1));
        assertEquals(new Outcome(CallOutcome.NOT_DIALED, "dialer_shutdown", null), notDialed.summary());
        assertNull(late.ringingAt());
    }
}
