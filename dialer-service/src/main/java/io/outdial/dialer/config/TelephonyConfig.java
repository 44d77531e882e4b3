package io.outdial.dialer.config;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.outdial.dialer.domain.CallScript;
import io.outdial.dialer.domain.CampaignGate;
import io.outdial.dialer.domain.SimulatedTelephonyProvider;
import io.outdial.dialer.domain.TelephonyProvider;

/** The telephony provider ({@code simulated} is the only one built in) and the dialer's campaign gate. */
@ApplicationScoped
public class TelephonyConfig {

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
    @ApplicationScoped
    TelephonyProvider provider(Clock clock) {
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
