package io.outdial.testsupport;

import java.util.Arrays;

/**
 * Keeps the servers a JVM starts from outliving it when it is killed outright. As a main class it
 * runs another one and exits when the process with the given pid is gone:
 * {@code OrphanGuard <parent pid> <main class> <args...>} (the Kafka broker process, whose own main
 * cannot watch the JVM that started it). For a native server (PostgreSQL) {@link #stopWithThisJvm}
 * leaves a small watchdog behind.
 */
public final class OrphanGuard {

    private OrphanGuard() {
    }

    /**
     * Starts a shell that sends {@code signal} to process {@code pid} once this JVM is gone. It
     * outlives a JVM killed with SIGKILL, which runs no shutdown hook. Returns the watchdog, to be
     * destroyed when {@code pid} is gone before this JVM (its number could be another process's by then).
     */
    static Process stopWithThisJvm(long pid, String signal) {
        String script = "while kill -0 " + ProcessHandle.current().pid() + " 2>/dev/null; do sleep 1; done; kill -" + signal
                + " " + pid + " 2>/dev/null";
        try {
            return new ProcessBuilder("sh", "-c", script).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot start the watchdog of process " + pid, e);
        }
    }

    public static void main(String[] args) throws Exception {
        long parent = Long.parseLong(args[0]);
        ProcessHandle.of(parent).ifPresentOrElse(
                p -> p.onExit().thenRun(() -> {
                    System.err.println("parent process " + parent + " is gone: stopping");
                    System.exit(1);
                }),
                () -> System.exit(1));
        Class.forName(args[1]).getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 2, args.length));
    }
}
