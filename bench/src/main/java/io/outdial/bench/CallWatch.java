package io.outdial.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.outdial.contract.Topics;

/**
 * Follows one campaign's call events and contact outcomes as they are published, so that the
 * fault run can see which dialer holds calls now and when the campaign moves again after a fault.
 * It reads without a consumer group: the broker's restart costs it nothing but the wait.
 */
final class CallWatch implements AutoCloseable {

    private final CampaignCalls calls;
    private final KafkaConsumer<String, String> consumer;
    private final Thread thread;
    private volatile boolean running = true;

    CallWatch(String bootstrapServers, String campaign) {
        calls = new CampaignCalls(campaign);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(Topics.CALL_EVENTS, Topics.CONTACT_OUTCOMES)) {
            consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::loop, "call-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    calls.apply(record);
                }
            } catch (org.apache.kafka.common.errors.WakeupException stopping) {
                return;
            } catch (RuntimeException transientFailure) {
                // the broker is being restarted: poll again
            }
        }
    }

    CampaignCalls calls() {
        return calls;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(10_000);
        consumer.close(Duration.ofSeconds(5));
    }
}
