package io.outdial.dialer.domain;

import java.util.Locale;

import io.outdial.contract.events.CallOutcome;

/**
 * How the SIP signalling of a call maps to its outcome (DESIGN 4a): one table for every trunk, so
 * that retries and reports mean the same whatever carrier placed the call.
 */
public final class SipOutcomes {

    /** The header a far end (the assistant runtime) uses to say who or what answered. */
    public static final String DISPOSITION_HEADER = "X-Outdial-Disposition";

    /** Timer B: the INVITE got no response at all. */
    public static final CallOutcome NO_RESPONSE = CallOutcome.CARRIER_ERROR;

    /** A 200 that crossed our CANCEL: someone answered and the dialer hung up on them. */
    public static final CallOutcome ANSWER_RACED_CANCEL = CallOutcome.ABANDONED;

    private SipOutcomes() {
    }

    /**
     * A connected call: voicemail when the far end said so (on its 200 or its BYE), answered when it
     * reported a person or nothing.
     */
    public static CallOutcome connected(String disposition) {
        return disposition != null && "voicemail".equals(disposition.trim().toLowerCase(Locale.ROOT))
                ? CallOutcome.VOICEMAIL
                : CallOutcome.ANSWERED;
    }

    /**
     * A call that ended with a final error response ({@code status} 300..699). {@code cancelled}: we had
     * sent a CANCEL (ring timeout), so its 487 means nobody answered. A 401 or 407 reaching this is a
     * challenge our credentials did not meet (or there were none to try).
     */
    public static CallOutcome rejected(int status, boolean cancelled) {
        if (status < 300 || status > 699) {
            throw new IllegalArgumentException("not a final error response: " + status);
        }
        return switch (status) {
            case 480, 408 -> CallOutcome.NO_ANSWER;
            case 487 -> cancelled ? CallOutcome.NO_ANSWER : CallOutcome.CARRIER_ERROR;
            case 486, 600 -> CallOutcome.BUSY;
            case 603 -> CallOutcome.DECLINED;
            case 404, 410, 484, 604 -> CallOutcome.INVALID_NUMBER;
            case 401, 403, 407 -> CallOutcome.CONFIG_ERROR;
            // Redirects are not followed, and 5xx, the other 4xx and 606 are the carrier's trouble.
            default -> CallOutcome.CARRIER_ERROR;
        };
    }

    /** Whether a final response is an authentication challenge the dialer may answer once with its credentials. */
    public static boolean isChallenge(int status) {
        return status == 401 || status == 407;
    }
}
