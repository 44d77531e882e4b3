package io.outdial.dialer.telephony.sip;

import static io.outdial.dialer.telephony.sip.SipTestCalls.call;
import static io.outdial.dialer.telephony.sip.SipTestCalls.loopbackTrunk;
import static io.outdial.dialer.telephony.sip.SipTestCalls.withCredentials;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.contract.events.CallOutcome;
import io.outdial.dialer.telephony.sip.RecordingListener.Outcome;
import io.outdial.dialer.telephony.sip.SipSettings.Transport;
import io.outdial.testsupport.Sipp;

/** Digest authentication against SIPp, which checks the credentials itself ({@code verifyauth}). */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SipDigestAuthTest extends SipTrunkHarness {

    private RecordingListener callWith(String scenario, String username, String password) {
        sipp = Sipp.serve(scenario, Sipp.Transport.UDP, 1, "-d", "200");
        startProvider(withCredentials(loopbackTrunk(sipp.port(), Transport.UDP), username, password));
        return place(call("+12025550123"));
    }

    @Test
    void challengeIsAnsweredOnceWithDigestCredentialsAndTheCallGoesThrough() {
        var listener = callWith("digest-challenge.xml", "outdial", "s3cret");

        assertEquals(new Outcome(CallOutcome.ANSWERED, "hangup", 200), listener.awaitEnded(CALL_ENDS).summary());
        assertEquals(List.of("answered", "ended"), listener.events());
        sipp.awaitScenarioPassed(SIPP_FINISHES);
        assertEquals(List.of("INVITE", "ACK", "INVITE", "ACK"), sipp.receivedRequests());
        String retried = sipp.received().stream().filter(m -> "INVITE".equals(m.method())).toList().get(1).text();
        for (String part : List.of("CSeq: 2 INVITE", "Authorization: Digest ", "username=\"outdial\"", "realm=\"outdial.test\"",
                "qop=auth", "nc=00000001", "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")) {
            assertTrue(retried.contains(part), part + " in\n" + retried);
        }
    }

    @Test
    void wrongPasswordIsForbiddenAndAConfigError() {
        var listener = callWith("digest-challenge.xml", "outdial", "wrong");

        assertEquals(new Outcome(CallOutcome.CONFIG_ERROR, "rejected", 403), listener.awaitEnded(CALL_ENDS).summary());
        sipp.awaitScenarioPassed(SIPP_FINISHES);
        assertEquals(List.of("INVITE", "ACK", "INVITE", "ACK"), sipp.receivedRequests());
    }

    @Test
    void secondChallengeAfterCredentialsIsAConfigErrorWithoutAThirdInvite() {
        var listener = callWith("challenge-always.xml", "outdial", "s3cret");

        assertEquals(new Outcome(CallOutcome.CONFIG_ERROR, "credentials_refused", 401), listener.awaitEnded(CALL_ENDS).summary());
        assertEquals(List.of("ended"), listener.events());
        sipp.awaitScenarioPassed(SIPP_FINISHES);
        List<String> requests = sipp.receivedRequests();
        assertEquals(List.of("INVITE", "ACK", "INVITE", "ACK"), requests);
        assertFalse(sipp.received().get(0).text().contains("Authorization:"), "the first INVITE goes without credentials");
    }
}
