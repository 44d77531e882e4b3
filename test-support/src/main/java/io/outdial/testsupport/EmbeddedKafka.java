package io.outdial.testsupport;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** Kafka's own KRaft broker (one combined broker and controller) inside the test JVM. */
final class EmbeddedKafka implements KafkaServer {

    private final KafkaClusterTestKit cluster;

    EmbeddedKafka() {
        // The broker shuts down while the test JVM exits; a fault it reports then must not turn
        // into a halt with a non-zero exit code (which fails the build after green tests).
        org.apache.kafka.common.utils.Exit.setExitProcedure((code, message) ->
                System.err.println("embedded Kafka asked to exit with " + code + ": " + message));
        org.apache.kafka.common.utils.Exit.setHaltProcedure((code, message) ->
                System.err.println("embedded Kafka asked to halt with " + code + ": " + message));
        try {
            cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    // Consumer groups join at once instead of waiting 3 s for more members.
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    // Topics are created by the services' admin step, never implicitly.
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the embedded Kafka broker", e);
        }
    }

    @Override
    public String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public String describe() {
        return "embedded KRaft broker (kafka-test-common-runtime)";
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
