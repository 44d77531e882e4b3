package io.outdial.platform.lifecycle;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * Stops this service when the process that started it is gone. A test JVM or local stack that is
 * killed outright runs no shutdown hook, and its service processes would otherwise live on, holding
 * ports and consuming from the broker: with {@code outdial.parent-pid} set they exit by themselves.
 */
@ApplicationScoped
public class ParentWatch {

    private static final Logger LOG = Logger.getLogger(ParentWatch.class);

    private final Optional<Long> parentPid;

    public ParentWatch(@ConfigProperty(name = "outdial.parent-pid") Optional<Long> parentPid) {
        this.parentPid = parentPid;
    }

    void watch(@Observes StartupEvent event) {
        parentPid.ifPresent(pid -> ProcessHandle.of(pid).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> stop(pid)),
                () -> stop(pid)));
    }

    private static void stop(long pid) {
        LOG.warnf("parent process %d is gone: stopping", pid);
        Quarkus.asyncExit(1);
    }
}
