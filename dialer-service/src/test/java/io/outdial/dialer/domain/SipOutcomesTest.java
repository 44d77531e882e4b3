package io.outdial.dialer.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.contract.events.CallOutcome;

/** DESIGN 4a's table of SIP answers and outcomes. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SipOutcomesTest {

    @Test
    void connectedCallIsVoicemailOnlyWhenTheFarEndSaysSo() {
        assertEquals(CallOutcome.ANSWERED, SipOutcomes.connected(null));
        assertEquals(CallOutcome.ANSWERED, SipOutcomes.connected(""));
        assertEquals(CallOutcome.ANSWERED, SipOutcomes.connected("human"));
        assertEquals(CallOutcome.VOICEMAIL, SipOutcomes.connected("voicemail"));
        assertEquals(CallOutcome.VOICEMAIL, SipOutcomes.connected(" VoiceMail "));
    }

    @Test
    void finalErrorResponsesMapAsTheTableSays() {
        Map<Integer, CallOutcome> table = Map.ofEntries(
                Map.entry(480, CallOutcome.NO_ANSWER), Map.entry(408, CallOutcome.NO_ANSWER),
                Map.entry(486, CallOutcome.BUSY), Map.entry(600, CallOutcome.BUSY),
                Map.entry(603, CallOutcome.DECLINED),
                Map.entry(404, CallOutcome.INVALID_NUMBER), Map.entry(410, CallOutcome.INVALID_NUMBER),
                Map.entry(484, CallOutcome.INVALID_NUMBER), Map.entry(604, CallOutcome.INVALID_NUMBER),
                Map.entry(403, CallOutcome.CONFIG_ERROR), Map.entry(401, CallOutcome.CONFIG_ERROR),
                Map.entry(407, CallOutcome.CONFIG_ERROR),
                Map.entry(400, CallOutcome.CARRIER_ERROR), Map.entry(488, CallOutcome.CARRIER_ERROR),
                Map.entry(500, CallOutcome.CARRIER_ERROR), Map.entry(503, CallOutcome.CARRIER_ERROR),
                Map.entry(504, CallOutcome.CARRIER_ERROR), Map.entry(302, CallOutcome.CARRIER_ERROR),
                Map.entry(606, CallOutcome.CARRIER_ERROR));
        table.forEach((status, outcome) -> {
            assertEquals(outcome, SipOutcomes.rejected(status, false), status + " without our CANCEL");
            assertEquals(outcome, SipOutcomes.rejected(status, true), status + " after our CANCEL");
        });
    }

    @Test
    void requestTerminatedIsNoAnswerOnlyAfterOurCancel() {
        assertEquals(CallOutcome.NO_ANSWER, SipOutcomes.rejected(487, true));
        assertEquals(CallOutcome.CARRIER_ERROR, SipOutcomes.rejected(487, false));
    }

    @Test
    void noResponseAndAnAnswerThatCrossedOurCancel() {
        assertEquals(CallOutcome.CARRIER_ERROR, SipOutcomes.NO_RESPONSE);
        assertEquals(CallOutcome.ABANDONED, SipOutcomes.ANSWER_RACED_CANCEL);
    }

    @Test
    void onlyAuthenticationChallengesAreAnsweredWithCredentials() {
        assertTrue(SipOutcomes.isChallenge(401));
        assertTrue(SipOutcomes.isChallenge(407));
        assertFalse(SipOutcomes.isChallenge(403));
    }

    @Test
    void successAndProvisionalResponsesAreNoRejection() {
        assertThrows(IllegalArgumentException.class, () -> SipOutcomes.rejected(200, false));
        assertThrows(IllegalArgumentException.class, () -> SipOutcomes.rejected(180, false));
    }
}
