package io.outdial.campaign.application.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.outdial.campaign.config.WebhookSettings;
import io.outdial.campaign.domain.webhooks.RetrySchedule;
import io.outdial.campaign.domain.webhooks.WebhookSignature;
import io.outdial.campaign.persistence.webhooks.WebhookDeliveryStore;
import io.outdial.campaign.persistence.webhooks.WebhookDeliveryStore.Claimed;
import io.outdial.campaign.persistence.webhooks.WebhookDeliveryStore.Outcome;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends due webhook deliveries: each tick claims as many as there are free sending slots (at most
 * {@code concurrency} requests in flight per replica; replicas share the work through the claim)
 * and posts them, signed, within the request timeout each, following no redirect; a slow request
 * holds only its own slot. A 2xx is delivered; anything else is retried on the schedule until the give-up
 * period has passed since the delivery was created. An endpoint that failed every attempt for
 * that long is disabled.
 */
@ApplicationScoped
public class WebhookWorker {

    private static final Logger LOG = Logger.getLogger(WebhookWorker.class);
    /** Past the request timeout: a claim outlives its attempt unless the replica dies while sending. */
    private static final Duration CLAIM_MARGIN = Duration.ofSeconds(30);
    private static final int MAX_ERROR_LENGTH = 500;

    private final WebhookDeliveryStore store;
    private final WebhookTargets targets;
    private final WebhookSettings settings;
    private final RetrySchedule schedule;
    private final Clock clock;
    private final HttpClient http;
    private final ExecutorService senders;
    private final Semaphore slots;
    private final Counter delivered;
    private final Counter failed;

    public WebhookWorker(WebhookDeliveryStore store, WebhookTargets targets, WebhookSettings settings, Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.targets = targets;
        this.settings = settings;
        this.schedule = new RetrySchedule(settings.retryDelays(), settings.retryJitter());
        this.clock = clock;
        this.slots = new Semaphore(settings.concurrency());
        this.senders = Executors.newFixedThreadPool(settings.concurrency(), r -> {
            Thread t = new Thread(r, "webhook-sender");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.requestTimeout()).build();
        this.delivered = Counter.builder("outdial.webhook.attempts").tag("result", "delivered")
                .description("webhook attempts answered with a 2xx").register(meters);
        this.failed = Counter.builder("outdial.webhook.attempts").tag("result", "failed")
                .description("webhook attempts refused, failed or timed out").register(meters);
    }

    @PreDestroy
    void stop() {
        senders.shutdownNow();
    }

    @Scheduled(every = "${outdial.webhooks.tick}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            LOG.warnf(e, "webhook deliveries could not be sent this time");
        }
    }

    /** Claims due deliveries into the free slots until none is due or no slot is free; returns how many were started. */
    public int sendDue() {
        int started = 0;
        while (true) {
            int free = slots.availablePermits();
            if (free == 0) {
                return started;
            }
            Instant now = clock.instant();
            List<Claimed> due = store.claim(now, free, now.plus(settings.requestTimeout()).plus(CLAIM_MARGIN))
                    .await().atMost(Duration.ofSeconds(30));
            for (Claimed delivery : due) {
                // Ticks never overlap, so the slots counted free above are still free.
                slots.acquireUninterruptibly();
                senders.execute(() -> {
                    try {
                        attempt(delivery);
                    } finally {
                        slots.release();
                    }
                });
            }
            started += due.size();
            if (due.size() < free) {
                return started;
            }
        }
    }

    private void attempt(Claimed delivery) {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        Integer status = null;
        String error = null;
        Optional<String> refusal = targets.refusal(delivery.url());
        if (refusal.isPresent()) {
            error = "refused: " + refusal.get();
        } else {
            try {
                HttpResponse<Void> response = http.send(request(delivery, started), HttpResponse.BodyHandlers.discarding());
                status = response.statusCode();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            } catch (Exception e) {
                error = describe(e);
            }
        }
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        boolean ok = status != null && status >= 200 && status < 300;
        int attempt = delivery.attempts() + 1;
        Instant finished = clock.instant();
        Instant next = null;
        if (!ok) {
            next = nextAttempt(attempt, delivery.createdAt(), finished);
        }
        (ok ? delivered : failed).increment();
        String reason = "deliveries failed for " + settings.giveUpAfter() + " without a success (last: "
                + (status != null ? "HTTP " + status : error) + ")";
        try {
            boolean disabled = store.record(new Outcome(delivery.id(), delivery.endpointId(), attempt, started, status, error,
                    millis, next, ok), reason).await().atMost(Duration.ofSeconds(30));
            if (disabled) {
                LOG.warnf("webhook endpoint %s disabled: %s", delivery.endpointId(), reason);
            }
        } catch (RuntimeException e) {
            // The claim runs out and the delivery is attempted again: at least once, never lost.
            LOG.warnf(e, "the attempt of webhook delivery %s could not be recorded", delivery.id());
        }
    }

    /**
     * When to try again after a failed attempt: on the schedule while that stays within the give-up
     * period, then once more at its end (so a delivery is retried for the whole period), then never.
     */
    private Instant nextAttempt(int attempt, Instant createdAt, Instant now) {
        Instant deadline = createdAt.plus(settings.giveUpAfter());
        Instant retryAt = now.plus(schedule.delayAfter(attempt, ThreadLocalRandom.current().nextDouble()));
        if (!retryAt.isAfter(deadline)) {
            return retryAt;
        }
        return now.isBefore(deadline) ? deadline : null;
    }

    private HttpRequest request(Claimed delivery, Instant now) {
        String messageId = messageId(delivery.id());
        long timestamp = now.getEpochSecond();
        return HttpRequest.newBuilder(URI.create(delivery.url()))
                .timeout(settings.requestTimeout())
                .header("Content-Type", "application/json")
                .header("User-Agent", "outdial-webhooks")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.sign(delivery.secret(), messageId, timestamp, delivery.payload()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                .build();
    }

    /** The {@code webhook-id} of a delivery: the same on every attempt and replay of it. */
    public static String messageId(java.util.UUID deliveryId) {
        return "msg_" + deliveryId.toString().replace("-", "");
    }

    private static String describe(Exception e) {
        String kind = e instanceof java.net.http.HttpTimeoutException ? "timed out"
                : e instanceof java.net.ConnectException ? "connection refused"
                : "request failed";
        String text = kind + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }
}
