package io.outdial.campaign.application.webhooks;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.outdial.campaign.application.Refusal;
import io.outdial.campaign.config.WebhookSettings;
import io.outdial.campaign.domain.FieldError;
import io.outdial.campaign.domain.PageRequest;
import io.outdial.campaign.domain.SafeText;
import io.outdial.campaign.domain.webhooks.WebhookEventType;
import io.outdial.campaign.domain.webhooks.WebhookSignature;
import io.outdial.campaign.domain.webhooks.WebhookUrl;
import io.outdial.campaign.persistence.webhooks.WebhookDeliveryStore;
import io.outdial.campaign.persistence.webhooks.WebhookEndpoint;
import io.outdial.campaign.persistence.webhooks.WebhookEndpointStore;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** A team's webhook endpoints and their deliveries: registration, changes, the delivery log and replays. */
@ApplicationScoped
public class Webhooks {

    public static final int MAX_DESCRIPTION_LENGTH = 500;

    private final WebhookEndpointStore endpoints;
    private final WebhookDeliveryStore deliveries;
    private final WebhookTargets targets;
    private final WebhookSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Webhooks(WebhookEndpointStore endpoints, WebhookDeliveryStore deliveries, WebhookTargets targets,
            WebhookSettings settings, Clock clock) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.targets = targets;
        this.settings = settings;
        this.clock = clock;
    }

    /** A change of an endpoint; null fields stay as they are. */
    public record Change(String url, List<String> events, String description, Boolean enabled) {
    }

    /** Registers an endpoint; its secret is in the answer, and only there. */
    public Uni<WebhookEndpoint> register(String teamId, String url, List<String> events, String description) {
        List<FieldError> errors = new ArrayList<>();
        checkUrl(errors, url, true);
        List<String> types = checkEvents(errors, events, true);
        checkDescription(errors, description);
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(Refusal.invalid(errors));
        }
        var now = clock.instant();
        var endpoint = new WebhookEndpoint(UUID.randomUUID(), teamId, url, types, description,
                WebhookSignature.newSecret(random), true, null, now, now);
        return resolvable("url", url)
                .flatMap(ok -> endpoints.insert(endpoint, settings.maxEndpointsPerTeam()))
                .map(inserted -> inserted.orElseThrow(() -> Refusal.invalid("url", "the team has "
                        + settings.maxEndpointsPerTeam() + " webhook endpoints already, the most it may have; delete one first")));
    }

    public Uni<List<WebhookEndpoint>> list(String teamId) {
        return endpoints.list(teamId);
    }

    public Uni<WebhookEndpoint> get(String teamId, UUID id) {
        return endpoints.find(teamId, id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<WebhookEndpoint> change(String teamId, UUID id, Change change) {
        List<FieldError> errors = new ArrayList<>();
        if (change.url() != null) {
            checkUrl(errors, change.url(), false);
        }
        List<String> types = change.events() == null ? null : checkEvents(errors, change.events(), false);
        checkDescription(errors, change.description());
        if (!errors.isEmpty()) {
            return Uni.createFrom().failure(Refusal.invalid(errors));
        }
        Uni<Void> urlChecked = change.url() == null ? Uni.createFrom().voidItem() : resolvable("url", change.url());
        return urlChecked.flatMap(ok -> endpoints.update(teamId, id, change.url(), types, change.description(), change.enabled(),
                clock.instant())).map(updated -> updated.orElseThrow(() -> notFound(id)));
    }

    public Uni<Void> delete(String teamId, UUID id) {
        return endpoints.delete(teamId, id).invoke(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
        }).replaceWithVoid();
    }

    public Uni<WebhookDeliveryStore.Page> deliveries(String teamId, UUID id, PageRequest page) {
        return get(teamId, id).flatMap(endpoint -> deliveries.list(endpoint.id(), page));
    }

    /** Makes a delivery due again now, as the same message (same webhook-id); the endpoint must be enabled. */
    public Uni<Void> replay(String teamId, UUID id, UUID deliveryId) {
        return get(teamId, id).flatMap(endpoint -> {
            if (!endpoint.enabled()) {
                return Uni.createFrom().failure(Refusal.conflict("webhook " + id + " is disabled; enable it to replay its deliveries"));
            }
            return deliveries.replay(endpoint.id(), deliveryId, clock.instant());
        }).invoke(replayed -> {
            if (!replayed) {
                throw Refusal.notFound("delivery", deliveryId.toString());
            }
        }).replaceWithVoid();
    }

    private static Refusal notFound(UUID id) {
        return Refusal.notFound("webhook", id.toString());
    }

    private void checkUrl(List<FieldError> errors, String url, boolean required) {
        if (url == null && !required) {
            return;
        }
        if (url != null && !SafeText.isSafe(url)) {
            errors.add(new FieldError("url", SafeText.PROBLEM));
            return;
        }
        WebhookUrl.problem(url, settings.allowHttp()).ifPresent(problem -> errors.add(new FieldError("url", problem)));
    }

    /** The URL's host may be called now (resolved on a worker thread: DNS blocks). */
    private Uni<Void> resolvable(String field, String url) {
        return Uni.createFrom().item(() -> targets.refusal(url)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .invoke(refusal -> refusal.ifPresent(why -> {
                    throw Refusal.invalid(field, why);
                })).replaceWithVoid();
    }

    private static List<String> checkEvents(List<FieldError> errors, List<String> events, boolean required) {
        if (events == null || events.isEmpty()) {
            if (required || events != null) {
                errors.add(new FieldError("events", "must name at least one of " + WebhookEventType.wireNames()));
            }
            return List.of();
        }
        LinkedHashSet<String> types = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String event = events.get(i);
            if (event == null || WebhookEventType.fromWire(event).isEmpty()) {
                errors.add(new FieldError("events[" + i + "]", "must be one of " + WebhookEventType.wireNames()));
            } else {
                types.add(event);
            }
        }
        return List.copyOf(types);
    }

    private static void checkDescription(List<FieldError> errors, String description) {
        if (description == null) {
            return;
        }
        if (!SafeText.isSafe(description)) {
            errors.add(new FieldError("description", SafeText.PROBLEM));
        } else if (description.length() > MAX_DESCRIPTION_LENGTH) {
            errors.add(new FieldError("description", "must be at most " + MAX_DESCRIPTION_LENGTH + " characters"));
        }
    }
}
