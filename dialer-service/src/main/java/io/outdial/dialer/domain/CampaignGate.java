package io.outdial.dialer.domain;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This dialer's local view of campaigns: which are known paused or cancelled (from the lifecycle
 * topic) and how many calls it has in progress for each (its per-campaign semaphore). A cheap
 * first filter; the claim at campaign-service is what guarantees the cap.
 */
public final class CampaignGate {

    private final Map<String, String> stopped = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();

    public void statusChanged(String campaignId, String status) {
        if ("paused".equals(status) || "cancelled".equals(status) || "completed".equals(status)) {
            stopped.put(campaignId, status);
        } else {
            stopped.remove(campaignId);
        }
    }

    /** Why a command of this campaign must not be dialed now, if it must not. */
    public Optional<SkipReason> stopReason(String campaignId) {
        String status = stopped.get(campaignId);
        if (status == null) {
            return Optional.empty();
        }
        return Optional.of("cancelled".equals(status) ? SkipReason.CAMPAIGN_CANCELLED : SkipReason.CAMPAIGN_PAUSED);
    }

    /** Takes a slot for a call when fewer than {@code max} are in progress here. */
    public boolean tryAcquire(String campaignId, int max) {
        AtomicInteger count = active.computeIfAbsent(campaignId, k -> new AtomicInteger());
        while (true) {
            int now = count.get();
            if (now >= max) {
                return false;
            }
            if (count.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void release(String campaignId) {
        active.computeIfPresent(campaignId, (k, v) -> {
            v.decrementAndGet();
            return v;
        });
    }

    public int activeCalls() {
        return active.values().stream().mapToInt(AtomicInteger::get).sum();
    }
}
