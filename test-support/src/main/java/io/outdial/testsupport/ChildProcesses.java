package io.outdial.testsupport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The processes this JVM started (services, a Kafka broker), stopped when it exits. A JVM killed
 * outright runs no hook: for that case each child also watches this JVM ({@code OUTDIAL_PARENT_PID}
 * for the services, {@link OrphanGuard} for the broker) and exits when it is gone.
 */
final class ChildProcesses {

    /** In start order: they stop in reverse, so services stop before the broker they use. */
    private static final List<Process> LIVE = Collections.synchronizedList(new ArrayList<>());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(ChildProcesses::stopAll, "stop-child-processes"));
    }

    private ChildProcesses() {
    }

    static Process register(Process process) {
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
        return process;
    }

    static long parentPid() {
        return ProcessHandle.current().pid();
    }

    private static void stopAll() {
        List<Process> live;
        synchronized (LIVE) {
            live = new ArrayList<>(LIVE);
        }
        Collections.reverse(live);
        for (Process p : live) {
            p.destroy();
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
    }
}
