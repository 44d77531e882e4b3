package io.outdial.campaign.application;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.outdial.campaign.domain.ProgressSnapshot;
import io.outdial.campaign.persistence.CampaignProgressStore;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;

/**
 * Live views of campaigns: every watcher of a campaign gets its snapshot at once, then a new one
 * whenever its status or counters change, and a status change on its own. One reading per second
 * serves every watched campaign of this replica, whatever the number of watchers; nothing is read
 * while nobody watches. Reading the database (rather than this replica's share of the Kafka
 * partitions) sees every change, whichever replica made it. A watch ends when the campaign
 * completes, is cancelled or deleted, or when the watcher leaves.
 */
@ApplicationScoped
public class CampaignWatch {

    private static final Logger LOG = Logger.getLogger(CampaignWatch.class);

    /** What a watcher receives. */
    public sealed interface Update {
    }

    /** The campaign's status and counters. */
    public record Progress(ProgressSnapshot snapshot) implements Update {
    }

    /** The campaign moved from {@code previousStatus} to the snapshot's status. */
    public record StatusChange(ProgressSnapshot snapshot, String previousStatus) implements Update {
    }

    /** Nothing changed; a comment keeps proxies from closing an idle stream. */
    public record Heartbeat() implements Update {
    }

    private final CampaignProgressStore store;
    private final Map<UUID, Watched> watched = new ConcurrentHashMap<>();
    /** Orders readings, so an older one that completes late never replaces a newer one. */
    private final AtomicLong readings = new AtomicLong();

    public CampaignWatch(CampaignProgressStore store) {
        this.store = store;
    }

    /**
     * The team's campaign's snapshot, to open a watch with; refuses (not found) when the team has no
     * campaign of that id. Blocking: call it on a worker thread.
     */
    public Opening open(String teamId, UUID campaignId) {
        long reading = readings.incrementAndGet();
        ProgressSnapshot snapshot = store.readOwned(teamId, campaignId).await().atMost(java.time.Duration.ofSeconds(30));
        if (snapshot == null) {
            throw Refusal.notFound("campaign", campaignId.toString());
        }
        return new Opening(snapshot, reading);
    }

    /** A campaign's snapshot as read when a watcher connected. */
    public record Opening(ProgressSnapshot snapshot, long reading) {
    }

    /** The updates of the opened campaign, starting with its snapshot; cancelling the subscription leaves the watch. */
    public Multi<Update> follow(Opening opening) {
        UUID id = opening.snapshot().campaignId();
        return Multi.createFrom().emitter(emitter -> {
            Watcher watcher = new Watcher(emitter);
            // Registered first: a watch that ends at once (a finished campaign) still leaves.
            emitter.onTermination(watcher::leave);
            while (!watched.computeIfAbsent(id, Watched::new).join(watcher, opening)) {
                // That watch ended just now: open a new one.
            }
        });
    }

    /** Watchers of the campaign on this replica. */
    public int watchers(UUID campaignId) {
        Watched campaign = watched.get(campaignId);
        return campaign == null ? 0 : campaign.size();
    }

    @Scheduled(every = "${outdial.events.poll}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        List<UUID> ids = List.copyOf(watched.keySet());
        if (ids.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        long reading = readings.incrementAndGet();
        return store.read(ids).invoke(snapshots -> ids.forEach(id -> {
            Watched campaign = watched.get(id);
            if (campaign != null) {
                ProgressSnapshot found = snapshots.get(id);
                campaign.offer(found != null ? found : ProgressSnapshot.goneFrom(campaign.latest(), id), reading);
            }
        })).onFailure().invoke(e -> LOG.warnf("reading watched campaigns failed: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    @Scheduled(every = "${outdial.events.heartbeat}")
    void heartbeat() {
        watched.values().forEach(Watched::heartbeat);
    }

    private static final class Watcher {
        final MultiEmitter<? super Update> emitter;
        boolean started;
        // Both volatile: either leave() sees the campaign joined, or join() sees the watcher has left.
        volatile Watched campaign;
        volatile boolean left;

        Watcher(MultiEmitter<? super Update> emitter) {
            this.emitter = emitter;
        }

        void send(Update update) {
            started = true;
            emitter.emit(update);
        }

        void leave() {
            left = true;
            Watched joined = campaign;
            if (joined != null) {
                joined.leave(this);
            }
        }
    }

    /** One watched campaign: its watchers and the last snapshot they were sent. Every change happens under its lock. */
    private final class Watched {
        private final UUID id;
        private final List<Watcher> watchers = new ArrayList<>();
        private ProgressSnapshot latest;
        private long latestReading;
        private boolean retired;

        Watched(UUID id) {
            this.id = id;
        }

        /** Adds the watcher and sends it the newest snapshot known; false when this watch has just ended. */
        synchronized boolean join(Watcher watcher, Opening opening) {
            if (retired) {
                return false;
            }
            watcher.campaign = this;
            if (watcher.left) {
                return true;
            }
            watchers.add(watcher);
            if (!offer(opening.snapshot(), opening.reading())) {
                watcher.send(new Progress(latest));
                if (latest.finished()) {
                    watcher.emitter.complete();
                }
            }
            return true;
        }

        synchronized void leave(Watcher watcher) {
            if (!watchers.remove(watcher)) {
                return;
            }
            if (watchers.isEmpty() && !retired) {
                retired = true;
                watched.remove(id, this);
            }
        }

        synchronized ProgressSnapshot latest() {
            return latest;
        }

        synchronized int size() {
            return watchers.size();
        }

        /** Sends the snapshot to every watcher when it is newer than the last one and differs from it; true when sent. */
        synchronized boolean offer(ProgressSnapshot snapshot, long reading) {
            if (reading <= latestReading) {
                return false;
            }
            latestReading = reading;
            ProgressSnapshot previous = latest;
            latest = snapshot;
            if (snapshot.equals(previous)) {
                return false;
            }
            for (Watcher w : List.copyOf(watchers)) {
                // A watcher's first update is a progress snapshot; it has no earlier status to compare with.
                if (w.started && snapshot.statusDiffers(previous)) {
                    w.send(new StatusChange(snapshot, previous.status()));
                }
                w.send(new Progress(snapshot));
            }
            if (snapshot.finished()) {
                List.copyOf(watchers).forEach(w -> w.emitter.complete());
            }
            return true;
        }

        synchronized void heartbeat() {
            List.copyOf(watchers).forEach(w -> w.emitter.emit(new Heartbeat()));
        }
    }
}
