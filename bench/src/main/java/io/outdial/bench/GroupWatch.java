package io.outdial.bench;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;

/**
 * How long a consumer group takes, after some of its members were killed, until every partition
 * they read is assigned to a live member again (the group stable, the dead members gone); and
 * waits for a group's members to settle after a restart.
 */
final class GroupWatch implements AutoCloseable {

    /** The members of a group and the partitions assigned to them, just before a kill. */
    record Snapshot(String group, Set<String> members, Set<TopicPartition> partitions) {
    }

    private final Admin admin;
    private final ExecutorService watchers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "group-watch");
        t.setDaemon(true);
        return t;
    });

    GroupWatch(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
        admin = Admin.create(props);
    }

    Snapshot snapshot(String group) throws Exception {
        ConsumerGroupDescription d = describe(group);
        Set<String> members = new HashSet<>();
        Set<TopicPartition> partitions = new HashSet<>();
        for (MemberDescription m : d.members()) {
            members.add(m.consumerId());
            partitions.addAll(m.assignment().topicPartitions());
        }
        return new Snapshot(group, members, partitions);
    }

    /**
     * Seconds from {@code killedAtNanos} until {@code killed} of the snapshot's members are gone
     * and all its partitions are assigned to the others or to new members; null when that did not
     * happen within {@code timeoutSeconds}. Runs in the background.
     */
    CompletableFuture<Double> takeover(Snapshot before, int killed, long killedAtNanos, long timeoutSeconds) {
        return CompletableFuture.supplyAsync(() -> {
            long deadline = killedAtNanos + TimeUnit.SECONDS.toNanos(timeoutSeconds);
            while (System.nanoTime() < deadline) {
                try {
                    ConsumerGroupDescription d = describe(before.group());
                    long survivors = d.members().stream().filter(m -> before.members().contains(m.consumerId())).count();
                    Set<TopicPartition> assigned = new HashSet<>();
                    d.members().forEach(m -> assigned.addAll(m.assignment().topicPartitions()));
                    if (d.groupState() == GroupState.STABLE && survivors == before.members().size() - killed
                            && assigned.containsAll(before.partitions())) {
                        return Bench.round((System.nanoTime() - killedAtNanos) / 1e9);
                    }
                } catch (Exception brokerBusy) {
                    // the coordinator is moving or the broker restarting: ask again
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            }
            return null;
        }, watchers);
    }

    /** Waits until {@code group} is stable with {@code members} members; false when it was not within {@code timeout}. */
    boolean awaitStable(String group, int members, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                ConsumerGroupDescription d = describe(group);
                if (d.groupState() == GroupState.STABLE && d.members().size() == members) {
                    return true;
                }
            } catch (Exception notYet) {
                // the group is not known yet or its coordinator is loading: ask again
            }
            Thread.sleep(100);
        }
        return false;
    }

    private ConsumerGroupDescription describe(String group) throws Exception {
        return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        watchers.shutdownNow();
        admin.close();
    }
}
