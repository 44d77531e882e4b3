package io.outdial.campaign.application;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.outdial.campaign.config.ApiKeySettings;
import io.outdial.campaign.domain.ApiKeys;
import io.outdial.campaign.persistence.ApiKey;
import io.outdial.campaign.persistence.ApiKeyUsageStore;

/**
 * Keeps each key's {@code lastUsedAt} without a write per request: a use is written when the stored
 * one is older than {@code outdial.api-keys.last-used-interval}, once per replica, in the background.
 * A failed write is logged and tried again on a later use; the request never waits for it.
 */
@ApplicationScoped
public class ApiKeyUsage {

    private static final Logger LOG = Logger.getLogger(ApiKeyUsage.class);

    private final ApiKeyUsageStore store;
    private final ApiKeySettings settings;
    /** The use this replica last wrote per key: requests that read the row before that write landed skip it. */
    private final Map<UUID, Instant> written = new ConcurrentHashMap<>();

    public ApiKeyUsage(ApiKeyUsageStore store, ApiKeySettings settings) {
        this.store = store;
        this.settings = settings;
    }

    /** Notes that {@code key}, as just read, was used at {@code now}. */
    public void used(ApiKey key, Instant now) {
        var interval = settings.lastUsedInterval();
        if (!ApiKeys.useIsDue(key.lastUsedAt, now, interval)) {
            return;
        }
        boolean[] claimed = { false };
        written.compute(key.id, (id, last) -> {
            if (ApiKeys.useIsDue(last, now, interval)) {
                claimed[0] = true;
                return now;
            }
            return last;
        });
        if (!claimed[0]) {
            return;
        }
        store.touch(key.id, now).subscribe().with(done -> {
        }, failure -> {
            written.remove(key.id, now);
            LOG.warnf(failure, "could not record the use of API key %s", key.id);
        });
    }
}
