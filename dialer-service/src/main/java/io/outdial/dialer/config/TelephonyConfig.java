package io.outdial.dialer.config;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.outdial.dialer.domain.CallScript;
import io.outdial.dialer.domain.CampaignGate;
import io.outdial.dialer.domain.SimulatedTelephonyProvider;
import io.outdial.dialer.domain.TelephonyProvider;
import io.outdial.dialer.telephony.sip.SipSettings;
import io.outdial.dialer.telephony.sip.SipTelephonyProvider;
import io.quarkus.runtime.Startup;

/**
 * The telephony provider, {@code simulated} or {@code sip} ({@code OUTDIAL_TELEPHONY}), and the
 * dialer's campaign gate. The provider is made at start-up, so a wrong setting stops the dialer
 * there with a message naming the variable.
 */
@ApplicationScoped
public class TelephonyConfig {

    private static final String PROVIDER_VARIABLE = "OUTDIAL_TELEPHONY";

    @ConfigProperty(name = "outdial.telephony.provider", defaultValue = "simulated")
    String provider;

    // The SIP settings are read as text: SipSettings checks them and names the variable that is wrong.
    @ConfigProperty(name = "outdial.telephony.sip.trunk")
    Optional<String> sipTrunk;

    @ConfigProperty(name = "outdial.telephony.sip.transport")
    Optional<String> sipTransport;

    @ConfigProperty(name = "outdial.telephony.sip.local-port")
    Optional<String> sipLocalPort;

    @ConfigProperty(name = "outdial.telephony.sip.username")
    Optional<String> sipUsername;

    @ConfigProperty(name = "outdial.telephony.sip.password")
    Optional<String> sipPassword;

    @ConfigProperty(name = "outdial.telephony.sip.cps")
    Optional<String> sipCps;

    @ConfigProperty(name = "outdial.telephony.sip.media-address")
    Optional<String> sipMediaAddress;

    @ConfigProperty(name = "outdial.telephony.simulated.seed", defaultValue = "42")
    long seed;

    @ConfigProperty(name = "outdial.telephony.simulated.time-scale", defaultValue = "1.0")
    double timeScale;

    @ConfigProperty(name = "outdial.telephony.simulated.answered", defaultValue = "0.5")
    double answered;

    @ConfigProperty(name = "outdial.telephony.simulated.no-answer", defaultValue = "0.3")
    double noAnswer;

    @ConfigProperty(name = "outdial.telephony.simulated.busy", defaultValue = "0.1")
    double busy;

    @ConfigProperty(name = "outdial.telephony.simulated.voicemail", defaultValue = "0.05")
    double voicemail;

    @ConfigProperty(name = "outdial.telephony.simulated.error", defaultValue = "0.05")
    double error;

    @ConfigProperty(name = "outdial.telephony.simulated.ring-seconds", defaultValue = "3,20")
    double[] ring;

    @ConfigProperty(name = "outdial.telephony.simulated.talk-seconds", defaultValue = "20,180")
    double[] talk;

    @Produces
    @Startup
    @ApplicationScoped
    TelephonyProvider provider(Clock clock) {
        return switch (provider.trim().toLowerCase(Locale.ROOT)) {
            case "simulated" -> simulated(clock);
            case "sip" -> SipTelephonyProvider.start(SipSettings.fromVariables(sipVariables()), clock);
            default -> throw new IllegalArgumentException(PROVIDER_VARIABLE + " must be simulated or sip, got '" + provider + "'");
        };
    }

    /** Normally shut down by the dialer's drain at ShutdownEvent; this stops the SIP stack if nothing did. */
    void close(@Disposes TelephonyProvider telephony) {
        telephony.shutdown(Duration.ZERO);
    }

    private Map<String, String> sipVariables() {
        Map<String, String> variables = new HashMap<>();
        sipTrunk.ifPresent(v -> variables.put(SipSettings.TRUNK, v));
        sipTransport.ifPresent(v -> variables.put(SipSettings.TRANSPORT, v));
        sipLocalPort.ifPresent(v -> variables.put(SipSettings.LOCAL_PORT, v));
        sipUsername.ifPresent(v -> variables.put(SipSettings.USERNAME, v));
        sipPassword.ifPresent(v -> variables.put(SipSettings.PASSWORD, v));
        sipCps.ifPresent(v -> variables.put(SipSettings.CPS, v));
        sipMediaAddress.ifPresent(v -> variables.put(SipSettings.MEDIA_ADDRESS, v));
        return variables;
    }

    private TelephonyProvider simulated(Clock clock) {
        var mix = new CallScript.Mix(answered, noAnswer, busy, voicemail, error, ring[0], ring[1], talk[0], talk[1]);
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "simulated-calls");
            t.setDaemon(true);
            return t;
        });
        return new SimulatedTelephonyProvider(seed, mix, timeScale, timers, clock);
    }

    @Produces
    @ApplicationScoped
    CampaignGate gate() {
        return new CampaignGate();
    }
}
