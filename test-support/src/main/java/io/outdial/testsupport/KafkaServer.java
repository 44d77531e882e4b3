package io.outdial.testsupport;

/** A Kafka broker the tests talk to. */
interface KafkaServer extends AutoCloseable {

    String bootstrapServers();

    String describe();

    @Override
    default void close() throws Exception {
    }

    /** A broker someone else runs; left running. */
    record External(String bootstrapServers) implements KafkaServer {
        @Override
        public String describe() {
            return "existing broker from " + TestInfrastructure.ENV_KAFKA;
        }
    }
}
