package io.outdial.dialer.telephony.sip;

import static io.outdial.dialer.telephony.sip.SipTestCalls.loopbackTrunk;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;

import io.outdial.dialer.domain.TelephonyProvider.CallRequest;
import io.outdial.testsupport.Sipp;

/** A SIPp trunk and a provider dialing it, both stopped after each test. */
abstract class SipTrunkHarness {

    static final Duration CALL_ENDS = Duration.ofSeconds(30);
    static final Duration SIPP_FINISHES = Duration.ofSeconds(20);

    Sipp sipp;
    SipTelephonyProvider provider;

    @AfterEach
    void stopProviderAndTrunk() {
        if (provider != null) {
            provider.close();
        }
        if (sipp != null) {
            sipp.close();
        }
    }

    /** SIPp runs {@code scenario} for {@code calls} calls; the provider dials it with {@link SipTestCalls#loopbackTrunk}. */
    void trunk(String scenario, SipSettings.Transport transport, int calls, String... sippOptions) {
        sipp = Sipp.serve(scenario, Sipp.Transport.valueOf(transport.name()), calls, sippOptions);
        startProvider(loopbackTrunk(sipp.port(), transport));
    }

    void startProvider(SipSettings settings) {
        provider = SipTelephonyProvider.start(settings, Clock.systemUTC());
    }

    RecordingListener place(CallRequest call) {
        var listener = new RecordingListener(call.toNumber());
        provider.place(call, listener);
        return listener;
    }
}
