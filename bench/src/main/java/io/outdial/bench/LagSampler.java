package io.outdial.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.outdial.contract.Topics;

/**
 * Samples each consumer group's lag (records published and not yet committed) once a second: the
 * group whose lag grows is where the pipeline queues, i.e. the bottleneck.
 */
final class LagSampler implements AutoCloseable {

    /** Which topic each service's main consumer group reads. */
    static final Map<String, String> GROUPS = Map.of(
            "dialer-service", Topics.DIAL_COMMANDS,
            "call-result-service", Topics.CALL_EVENTS,
            "campaign-service", Topics.CONTACT_OUTCOMES);

    private final Admin admin;
    private final Map<String, Long> peak = new LinkedHashMap<>();
    private final Map<String, Long> sum = new HashMap<>();
    private int samples;
    private final Thread thread;
    private volatile boolean running = true;

    LagSampler(String bootstrapServers) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        admin = Admin.create(props);
        GROUPS.keySet().stream().sorted().forEach(g -> peak.put(g, 0L));
        thread = new Thread(this::loop, "lag-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            try {
                sample();
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (Exception transientFailure) {
                // a broker restart during the fault run: skip this sample
            }
        }
    }

    private void sample() throws Exception {
        Map<String, Long> lags = new HashMap<>();
        for (Map.Entry<String, String> group : GROUPS.entrySet()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            List<TopicPartition> partitions = committed.keySet().stream()
                    .filter(tp -> tp.topic().equals(group.getValue())).toList();
            if (partitions.isEmpty()) {
                continue;
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(
                    partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get(5, TimeUnit.SECONDS);
            long lag = 0;
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata offset = committed.get(tp);
                lag += Math.max(0, ends.get(tp).offset() - (offset == null ? 0 : offset.offset()));
            }
            lags.put(group.getKey(), lag);
        }
        synchronized (this) {
            samples++;
            lags.forEach((group, lag) -> {
                peak.merge(group, lag, Math::max);
                sum.merge(group, lag, Long::sum);
            });
        }
    }

    /** Per group: peak and mean lag over the samples. */
    synchronized Map<String, Map<String, Object>> summary() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        peak.forEach((group, max) -> out.put(group, Map.of("peakLag", max,
                "meanLag", samples == 0 ? 0 : Bench.round(sum.getOrDefault(group, 0L) / (double) samples))));
        return out;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        admin.close();
    }
}
