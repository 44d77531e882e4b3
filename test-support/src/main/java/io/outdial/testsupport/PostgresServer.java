package io.outdial.testsupport;

/** A PostgreSQL server the tests talk to, reached with a user that may create databases. */
interface PostgresServer extends AutoCloseable {

    String host();

    int port();

    String user();

    String password();

    String describe();

    @Override
    default void close() throws Exception {
    }

    /** A server someone else runs; left running. */
    record External(String host, int port, String user, String password) implements PostgresServer {
        @Override
        public String describe() {
            return "existing server from " + TestInfrastructure.ENV_PG_HOST;
        }
    }
}
