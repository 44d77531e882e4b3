package io.outdial.dialer.telephony.sip;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.outdial.dialer.domain.TelephonyProvider.CallRequest;

/** Calls and trunk settings the SIP tests share: a loopback trunk, no credentials, a limit high enough not to pace. */
final class SipTestCalls {

    static final String CALLER_ID = "+12025550100";
    static final String ASSISTANT_ID = "assistant-7";
    static final int ATTEMPT = 2;

    private SipTestCalls() {
    }

    static CallRequest call(String toNumber, int ringTimeoutSeconds, int maxCallDurationSeconds) {
        return call(toNumber, ringTimeoutSeconds, maxCallDurationSeconds, null);
    }

    static CallRequest call(String toNumber, int ringTimeoutSeconds, int maxCallDurationSeconds, Instant placeBy) {
        return new CallRequest(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(), ATTEMPT,
                toNumber, CALLER_ID, ASSISTANT_ID, ringTimeoutSeconds, maxCallDurationSeconds, placeBy, Map.of());
    }

    static CallRequest call(String toNumber) {
        return call(toNumber, 30, 600);
    }

    static SipSettings loopbackTrunk(int port, SipSettings.Transport transport) {
        return new SipSettings("127.0.0.1", port, transport, 0, Optional.empty(), 50, "127.0.0.1", SipSettings.DEFAULT_RETRANSMIT_MILLIS);
    }

    static SipSettings withCredentials(SipSettings settings, String username, String password) {
        return new SipSettings(settings.trunkHost(), settings.trunkPort(), settings.transport(), settings.localPort(),
                Optional.of(new SipSettings.Credentials(username, password)), settings.callsPerSecond(), settings.mediaAddress(),
                settings.retransmitMillis());
    }

    static SipSettings withCallsPerSecond(SipSettings settings, int callsPerSecond) {
        return new SipSettings(settings.trunkHost(), settings.trunkPort(), settings.transport(), settings.localPort(),
                settings.credentials(), callsPerSecond, settings.mediaAddress(), settings.retransmitMillis());
    }
}
