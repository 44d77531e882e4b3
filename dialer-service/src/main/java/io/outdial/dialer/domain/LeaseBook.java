package io.outdial.dialer.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The leases this dialer holds on its calls in progress (DESIGN 4.3), on its own monotonic clock
 * ({@link System#nanoTime()}), never on the wall clock: a lease runs from the moment its claim or
 * renewal was asked for, which is before campaign-service started counting it, so this dialer's
 * idea of a lease always ends first. A call is hung up {@code margin} before then (self-fencing),
 * so it has ended by the time campaign-service may give it up and dial its contact again.
 */
public final class LeaseBook {

    /** One held lease. */
    public static final class Lease {
        private final String callId;
        private final String campaignId;
        private volatile long expiresAtNanos;
        private volatile long renewAfterNanos;
        private TelephonyProvider.PlacedCall call;
        private boolean fenced;

        Lease(String callId, String campaignId) {
            this.callId = callId;
            this.campaignId = campaignId;
        }

        public String callId() {
            return callId;
        }

        public String campaignId() {
            return campaignId;
        }

        void runsFrom(long askedAtNanos, long leaseNanos) {
            expiresAtNanos = askedAtNanos + leaseNanos;
            renewAfterNanos = askedAtNanos + leaseNanos / 3;
        }

        /** Hangs the call up, now or as soon as the call is placed. */
        public synchronized void fence(String reason) {
            fenced = true;
            if (call != null) {
                call.hangUp(reason);
            }
        }

        synchronized void attach(TelephonyProvider.PlacedCall placed, String reasonIfFenced) {
            call = placed;
            if (fenced) {
                placed.hangUp(reasonIfFenced);
            }
        }
    }

    private final ConcurrentHashMap<String, Lease> held = new ConcurrentHashMap<>();
    private final long marginNanos;

    public LeaseBook(long marginNanos) {
        this.marginNanos = marginNanos;
    }

    /** A claim asked for at {@code askedAtNanos} was granted a lease of {@code leaseNanos}. */
    public Lease hold(String callId, String campaignId, long askedAtNanos, long leaseNanos) {
        Lease lease = new Lease(callId, campaignId);
        lease.runsFrom(askedAtNanos, leaseNanos);
        held.put(callId, lease);
        return lease;
    }

    /** The call was placed: {@code call} ends it. A lease fenced in between hangs it up at once. */
    public void attach(Lease lease, TelephonyProvider.PlacedCall call, String reasonIfFenced) {
        lease.attach(call, reasonIfFenced);
    }

    /** The call ended: its lease is no longer needed. */
    public void release(String callId) {
        held.remove(callId);
    }

    /** A renewal asked for at {@code askedAtNanos} was granted; a call that ended meanwhile stays released. */
    public void renewed(String callId, long askedAtNanos, long leaseNanos) {
        Lease lease = held.get(callId);
        if (lease != null && askedAtNanos + leaseNanos > lease.expiresAtNanos) {
            lease.runsFrom(askedAtNanos, leaseNanos);
        }
    }

    /** The lease was refused: removed, for its call to be hung up; null when the call had ended. */
    public Lease lose(String callId) {
        return held.remove(callId);
    }

    /** Whether some lease has reached a third of its term: then all are renewed in one request. */
    public boolean renewalDue(long nowNanos) {
        return held.values().stream().anyMatch(l -> nowNanos - l.renewAfterNanos >= 0);
    }

    public List<Lease> held() {
        return List.copyOf(held.values());
    }

    public int size() {
        return held.size();
    }

    /** Removes and answers the leases within the margin of running out: their calls must end now. */
    public List<Lease> expiring(long nowNanos) {
        List<Lease> out = new ArrayList<>();
        held.values().forEach(l -> {
            if (nowNanos - (l.expiresAtNanos - marginNanos) >= 0 && held.remove(l.callId, l)) {
                out.add(l);
            }
        });
        return out;
    }
}
