package io.outdial.testsupport;

import java.io.IOException;

/**
 * A PostgreSQL server that this JVM started and can crash and start again on the same port and
 * data directory, as the fault-injection benchmark does.
 */
public interface PostgresProcess {

    /** The postmaster's process id. */
    long pid();

    /** SIGKILL to the postmaster and every backend at once, as a crash of its host would; returns once they are gone. */
    void kill() throws IOException, InterruptedException;

    /** Starts the server again, as it was started before, after its crash recovery; returns once it accepts connections. */
    void restart() throws IOException, InterruptedException;
}
