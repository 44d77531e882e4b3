package io.outdial.system;

import java.util.Map;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

import io.outdial.testsupport.ServiceProcess;
import io.outdial.testsupport.SystemStack;

/**
 * One system stack at a time for the test classes of this JVM. A class that asks for the same
 * settings as the class before it gets the same running stack, so four service processes are not
 * stopped and started again between them (half a minute each time on two cores); a class that
 * asks for other settings stops the running stack first. The last one stops when the test plan
 * ends (this class is registered as a JUnit Platform listener for that).
 * <p>
 * Classes on a shared stack keep their data apart by fresh campaigns and contacts, and leave the
 * services as they found them (clocks back to now, dialers running).
 */
public final class SystemStacks implements TestExecutionListener {

    /** What makes two stacks interchangeable: everything but the databases' names. */
    record Settings(int dialers, Map<String, String> dialerEnv, Map<String, String> resultEnv,
            Map<String, String> campaignSettings, boolean adjustableClock) {
    }

    /**
     * Two dialers whose simulated calls last a thousandth of real time, 70 % answered and 30 % not,
     * with clocks the tests can move: what most system tests need.
     */
    static final Settings STANDARD = new Settings(2, Map.of(
            "SIM_TIME_SCALE", "0.001",
            "SIM_ANSWERED", "0.7",
            "SIM_NO_ANSWER", "0.3",
            "SIM_BUSY", "0",
            "SIM_VOICEMAIL", "0",
            "SIM_ERROR", "0"), Map.of(), Map.of(), true);

    private static Settings currentSettings;
    private static SystemStack current;

    /** The running stack if it has {@code settings}, else a new one (the running one stopped first). */
    static synchronized SystemStack open(Settings settings, String prefix) throws Exception {
        if (current != null && settings.equals(currentSettings) && current.services().stream().allMatch(ServiceProcess::isAlive)) {
            return current;
        }
        close();
        current = new SystemStack(settings.dialers(), settings.dialerEnv(), settings.resultEnv(), settings.campaignSettings(),
                0, prefix + "_" + Long.toString(System.nanoTime(), 36), settings.adjustableClock());
        currentSettings = settings;
        return current;
    }

    /** Stops the running stack, if any. */
    static synchronized void close() {
        if (current != null) {
            current.close();
            current = null;
            currentSettings = null;
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        close();
    }
}
