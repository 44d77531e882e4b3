package io.outdial.dialer.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import io.outdial.contract.events.CallEnded;
import io.outdial.dialer.domain.LeaseBook;
import io.outdial.dialer.domain.TelephonyProvider;

/**
 * Keeps the leases of this dialer's calls in progress: renews all of them in one request once any
 * has run a third of its term, hangs up a call whose renewal is refused, and hangs up by itself
 * every call whose lease is about to run out (campaign-service unreachable, or too slow): a call is
 * never kept past its lease. Runs on its own thread, so it keeps going while the dialer drains at
 * shutdown.
 */
@ApplicationScoped
public class LeaseKeeper {

    private static final Logger LOG = Logger.getLogger(LeaseKeeper.class);

    /** At most this many leases per request (campaign-service's batch limit). */
    static final int MAX_BATCH = 1000;

    private final ClaimClient campaignService;
    private final LeaseBook book;
    private final ScheduledExecutorService timer;
    private final AtomicBoolean renewing = new AtomicBoolean();
    private final Duration renewTimeout;
    private volatile long lastFailureLogNanos;

    public LeaseKeeper(@RestClient ClaimClient campaignService,
            @ConfigProperty(name = "outdial.dialer.lease-margin", defaultValue = "PT3S") Duration margin,
            @ConfigProperty(name = "outdial.dialer.lease-check", defaultValue = "PT0.5S") Duration check,
            @ConfigProperty(name = "outdial.dialer.lease-renew-timeout", defaultValue = "PT5S") Duration renewTimeout) {
        this.campaignService = campaignService;
        this.renewTimeout = renewTimeout;
        this.book = new LeaseBook(margin.toNanos());
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lease-keeper");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::check, check.toMillis(), check.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A claim asked for at {@code askedAtNanos} was granted a lease of {@code leaseMillis}. */
    public LeaseBook.Lease hold(String callId, String campaignId, long askedAtNanos, long leaseMillis) {
        return book.hold(callId, campaignId, askedAtNanos, TimeUnit.MILLISECONDS.toNanos(leaseMillis));
    }

    /** The held call was placed: {@code call} hangs it up if its lease is lost. */
    public void placed(LeaseBook.Lease lease, TelephonyProvider.PlacedCall call) {
        book.attach(lease, call, CallEnded.LEASE_LOST);
    }

    /** The call ended. */
    public void ended(String callId) {
        book.release(callId);
    }

    public int held() {
        return book.size();
    }

    void check() {
        try {
            long now = System.nanoTime();
            List<LeaseBook.Lease> expiring = book.expiring(now);
            if (!expiring.isEmpty()) {
                LOG.warnf("%d calls hung up: their leases were not renewed in time", expiring.size());
                expiring.forEach(l -> l.fence(CallEnded.LEASE_LOST));
            }
            if (book.renewalDue(now) && renewing.compareAndSet(false, true)) {
                renew(book.held(), now);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "lease check failed");
        }
    }

    private void renew(List<LeaseBook.Lease> leases, long askedAtNanos) {
        List<List<LeaseBook.Lease>> batches = new java.util.ArrayList<>();
        for (int i = 0; i < leases.size(); i += MAX_BATCH) {
            batches.add(leases.subList(i, Math.min(leases.size(), i + MAX_BATCH)));
        }
        java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger(batches.size());
        if (batches.isEmpty()) {
            renewing.set(false);
            return;
        }
        for (List<LeaseBook.Lease> batch : batches) {
            campaignService.renew(new ClaimClient.Leases(batch.stream()
                    .map(l -> new ClaimClient.Claim(l.callId(), l.campaignId())).toList()))
                    .ifNoItem().after(renewTimeout).fail()
                    .subscribe().with(renewals -> {
                        long leaseNanos = TimeUnit.MILLISECONDS.toNanos(renewals.leaseMillis());
                        for (ClaimClient.Renewal r : renewals.results()) {
                            if ("renewed".equals(r.result())) {
                                book.renewed(r.callId(), askedAtNanos, leaseNanos);
                            } else {
                                LeaseBook.Lease lost = book.lose(r.callId());
                                if (lost != null) {
                                    LOG.warnf("call %s lost its lease: hanging up", r.callId());
                                    lost.fence(CallEnded.LEASE_LOST);
                                }
                            }
                        }
                        done(pending);
                    }, failure -> {
                        // Nothing is renewed: the calls stay up until their leases near their end, and are retried meanwhile.
                        if (System.nanoTime() - lastFailureLogNanos > TimeUnit.SECONDS.toNanos(5)) {
                            lastFailureLogNanos = System.nanoTime();
                            LOG.warnf("lease renewal of %d calls failed: %s", batch.size(), failure.toString());
                        }
                        done(pending);
                    });
        }
    }

    private void done(java.util.concurrent.atomic.AtomicInteger pending) {
        if (pending.decrementAndGet() == 0) {
            renewing.set(false);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
