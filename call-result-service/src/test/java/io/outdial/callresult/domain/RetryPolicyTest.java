package io.outdial.callresult.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.ContactSettled.Settlement;
import io.outdial.contract.events.RetryRule;

@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RetryPolicyTest {

    private static final Instant END = Instant.parse("2026-06-01T12:00:00Z");

    @Test
    void answeredIsDoneAndCompleted() {
        var d = RetryPolicy.decide(CallOutcome.ANSWERED, 1, 3, 60, END);
        assertEquals(Settlement.DONE, d.settlement());
        assertEquals("completed", d.finalStatus());
    }

    @Test
    void unansweredWithAttemptsLeftRetriesAfterTheDelay() {
        for (CallOutcome o : new CallOutcome[] { CallOutcome.NO_ANSWER, CallOutcome.BUSY, CallOutcome.VOICEMAIL, CallOutcome.ERROR,
                CallOutcome.ABANDONED, CallOutcome.CARRIER_ERROR }) {
            var d = RetryPolicy.decide(o, 1, 2, 60, END);
            assertEquals(Settlement.RETRY, d.settlement(), o.name());
            assertEquals(Instant.parse("2026-06-01T13:00:00Z"), d.nextAttemptAt());
        }
        assertEquals(Settlement.RETRY, RetryPolicy.decide(CallOutcome.NO_ANSWER, 2, 2, 60, END).settlement());
    }

    @Test
    void neverMoreThanOnePlusMaxRetriesAttempts() {
        var d = RetryPolicy.decide(CallOutcome.NO_ANSWER, 3, 2, 60, END);
        assertEquals(Settlement.DONE, d.settlement());
        assertEquals("failed", d.finalStatus());
        assertEquals(Settlement.DONE, RetryPolicy.decide(CallOutcome.BUSY, 1, 0, 60, END).settlement());
    }

    @Test
    void declinedInvalidNumbersAndConfigErrorsAreNotRetried() {
        assertEquals(Settlement.DONE, RetryPolicy.decide(CallOutcome.DECLINED, 1, 3, 60, END).settlement());
        assertEquals(Settlement.DONE, RetryPolicy.decide(CallOutcome.INVALID_NUMBER, 1, 3, 60, END).settlement());
        assertEquals(Settlement.DONE, RetryPolicy.decide(CallOutcome.CONFIG_ERROR, 1, 3, 60, END).settlement());
    }

    @Test
    void aRuleSetsItsOutcomesDelayAndStopsItsRetriesEarlier() {
        var rules = Map.of("busy", new RetryRule(10, 2), "voicemail", new RetryRule(null, 1));
        var busy = RetryPolicy.decide(CallOutcome.BUSY, 1, 5, 60, rules, END);
        assertEquals(Settlement.RETRY, busy.settlement());
        assertEquals(END.plusSeconds(600), busy.nextAttemptAt(), "the rule's delay, not retryDelayMinutes");
        assertEquals(Settlement.DONE, RetryPolicy.decide(CallOutcome.BUSY, 2, 5, 60, rules, END).settlement(),
                "busy at the rule's second attempt is final");
        assertEquals(Settlement.DONE, RetryPolicy.decide(CallOutcome.VOICEMAIL, 1, 5, 60, rules, END).settlement(),
                "voicemail is not retried at all");
        var noAnswer = RetryPolicy.decide(CallOutcome.NO_ANSWER, 2, 5, 60, rules, END);
        assertEquals(END.plusSeconds(3600), noAnswer.nextAttemptAt(), "an outcome without a rule uses retryDelayMinutes");
    }

    @Test
    void maxRetriesStaysTheOverallCapWhateverTheRule() {
        var rules = Map.of("no_answer", new RetryRule(5, 10));
        assertEquals(Settlement.RETRY, RetryPolicy.decide(CallOutcome.NO_ANSWER, 2, 2, 60, rules, END).settlement());
        assertEquals(Settlement.DONE, RetryPolicy.decide(CallOutcome.NO_ANSWER, 3, 2, 60, rules, END).settlement());
    }

    @Test
    void notDialedIsReleasedWithoutAnAttempt() {
        var d = RetryPolicy.decide(CallOutcome.NOT_DIALED, 1, 3, 60, END);
        assertEquals(Settlement.RELEASED, d.settlement());
        assertNull(d.finalStatus());
    }

    @Test
    void tallyCountsEachContactOnce() {
        assertEquals(new Tally(1, 0, 0), Tally.of(false, false, false, false, false));
        assertEquals(new Tally(0, 1, 1), Tally.of(true, false, false, true, true));
        assertEquals(new Tally(0, 0, 0), Tally.of(true, true, true, true, true));
    }
}
