package io.outdial.dialer.telephony.sip;

import static io.outdial.dialer.telephony.sip.SipTestCalls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.contract.events.CallOutcome;
import io.outdial.dialer.telephony.sip.RecordingListener.Outcome;
import io.outdial.dialer.telephony.sip.SipSettings.Transport;

/**
 * The system tests' trunk, {@code sipp/by-number.xml}, answers by the last digit of the dialed number:
 * every branch, all calls at once, through the provider.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SipByNumberScenarioTest extends SipTrunkHarness {

    /** Calls per last digit: all of them are up at once, as in a system test. */
    private static final int CALLS_PER_DIGIT = 3;

    @Test
    void eachLastDigitGetsItsAnswerWithTheCallsUpAtOnce() {
        Map<Character, Outcome> expected = new LinkedHashMap<>();
        for (char digit = '0'; digit <= '5'; digit++) {
            expected.put(digit, new Outcome(CallOutcome.ANSWERED, "hangup", 200));
        }
        expected.put('6', new Outcome(CallOutcome.BUSY, "rejected", 486));
        expected.put('7', new Outcome(CallOutcome.NO_ANSWER, "rejected", 480));
        expected.put('8', new Outcome(CallOutcome.DECLINED, "rejected", 603));
        expected.put('9', new Outcome(CallOutcome.INVALID_NUMBER, "rejected", 404));
        // Answered calls talk long enough to overlap; 50 calls per second put them all up within a second.
        trunk("by-number.xml", Transport.UDP, expected.size() * CALLS_PER_DIGIT, "-d", "2000");

        Map<String, RecordingListener> listeners = new LinkedHashMap<>();
        for (int i = 0; i < CALLS_PER_DIGIT; i++) {
            for (char digit : expected.keySet()) {
                String number = "+120255501" + i + digit;
                listeners.put(number, place(call(number)));
            }
        }

        listeners.forEach((number, listener) -> {
            char digit = number.charAt(number.length() - 1);
            assertEquals(expected.get(digit), listener.awaitEnded(CALL_ENDS).summary(), number);
            List<String> events = switch (digit) {
                case '6', '8', '9' -> List.of("ended");
                case '7' -> List.of("ringing", "ended");
                default -> List.of("ringing", "answered", "ended");
            };
            assertEquals(events, listener.events(), number);
        });
        sipp.awaitScenarioPassed(SIPP_FINISHES);
    }
}
