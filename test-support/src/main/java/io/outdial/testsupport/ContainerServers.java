package io.outdial.testsupport;

import org.testcontainers.containers.PostgreSQLContainer;

/** The servers as Testcontainers, used when a Docker engine is available. */
final class ContainerServers {

    private ContainerServers() {
    }

    static final class Kafka implements KafkaServer {
        private final org.testcontainers.kafka.KafkaContainer container;

        Kafka() {
            container = new org.testcontainers.kafka.KafkaContainer("apache/kafka:4.1.2")
                    .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                    .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
            container.start();
        }

        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public String describe() {
            return "Testcontainers apache/kafka:4.1.2";
        }

        @Override
        public void close() {
            container.stop();
        }
    }

    static final class Postgres implements PostgresServer {
        private final PostgreSQLContainer<?> container;

        Postgres() {
            container = new PostgreSQLContainer<>("postgres:15-alpine");
            container.start();
        }

        @Override
        public String host() {
            return container.getHost();
        }

        @Override
        public int port() {
            return container.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT);
        }

        @Override
        public String user() {
            return container.getUsername();
        }

        @Override
        public String password() {
            return container.getPassword();
        }

        @Override
        public String describe() {
            return "Testcontainers postgres:15-alpine";
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
