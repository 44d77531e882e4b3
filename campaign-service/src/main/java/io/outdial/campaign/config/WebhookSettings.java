package io.outdial.campaign.config;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Webhook delivery ({@code outdial.webhooks.*}). */
@ConfigMapping(prefix = "outdial.webhooks")
public interface WebhookSettings {

    /** Endpoints on loopback, private, link-local, multicast or unspecified addresses: refused unless true. */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /** Plain http endpoints: refused (https only) unless true. */
    @WithDefault("false")
    boolean allowHttp();

    /** The most endpoints one team may register. */
    @WithDefault("10")
    int maxEndpointsPerTeam();

    /** Waits before the 2nd, 3rd, ... attempt of a failed delivery; the last one repeats. */
    @WithDefault("5s,30s,2m,10m,30m,1h")
    List<Duration> retryDelays();

    /** How far each wait may move either way at random, as a fraction of it. */
    @WithDefault("0.2")
    double retryJitter();

    /** How long deliveries are retried, and how long an endpoint may fail every attempt before it is disabled. */
    @WithDefault("PT24H")
    Duration giveUpAfter();

    /** The delivery worker's timer. */
    @WithDefault("1s")
    String tick();

    /** Deliveries sent at once by one replica. */
    @WithDefault("16")
    int concurrency();

    /** How long one request may take, connecting included. */
    @WithDefault("PT10S")
    Duration requestTimeout();
}
