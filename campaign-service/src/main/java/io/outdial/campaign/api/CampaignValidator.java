package io.outdial.campaign.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.outdial.campaign.api.dto.CampaignRequests.CreateCampaign;
import io.outdial.campaign.api.dto.CampaignRequests.PatchCampaign;
import io.outdial.campaign.domain.FieldError;
import io.outdial.campaign.domain.CampaignLimits;
import io.outdial.contract.CallWindow;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.RetryRule;
import io.vertx.core.json.JsonObject;

/** Field checks of campaign requests; every error of a request is collected before answering. */
final class CampaignValidator {

    private static final int MAX_SETTINGS_BYTES = 64 * 1024;

    private CampaignValidator() {
    }

    static List<FieldError> create(CreateCampaign body) {
        List<FieldError> errors = new ArrayList<>();
        Validation.requireText(errors, "name", body.name(), 200);
        common(errors, body.description(), body.assistantId(), body.companyId(), body.fromNumberIds(),
                body.maxConcurrentCalls(), body.maxRetries(), body.retryDelayMinutes(), body.settings());
        callRules(errors, body.ringTimeoutSeconds(), body.maxCallDurationSeconds(), body.retryRules());
        Validation.optionalText(errors, "teamId", body.teamId(), 200);
        scheduledStart(errors, body.scheduledStartAt());
        window(errors, body.callWindowStart(), body.callWindowEnd(), body.callWindowTimezone(),
                CampaignLimits.DEFAULT_WINDOW_START, CampaignLimits.DEFAULT_WINDOW_END, CampaignLimits.DEFAULT_TIMEZONE);
        return errors;
    }

    /** Checks a patch against the window it will produce when merged into {@code current*}. */
    static List<FieldError> patch(PatchCampaign body, String currentStart, String currentEnd, String currentZone) {
        List<FieldError> errors = new ArrayList<>();
        if (body.name() != null) {
            Validation.requireText(errors, "name", body.name(), 200);
        }
        common(errors, body.description(), body.assistantId(), body.companyId(), body.fromNumberIds(),
                body.maxConcurrentCalls(), body.maxRetries(), body.retryDelayMinutes(), body.settings());
        callRules(errors, body.ringTimeoutSeconds(), body.maxCallDurationSeconds(), body.retryRules());
        scheduledStart(errors, body.scheduledStartAt());
        if (body.callWindowStart() != null || body.callWindowEnd() != null || body.callWindowTimezone() != null) {
            window(errors, body.callWindowStart(), body.callWindowEnd(), body.callWindowTimezone(), currentStart, currentEnd,
                    currentZone);
        }
        return errors;
    }

    private static void common(List<FieldError> errors, String description, String assistantId, String companyId,
            List<String> fromNumberIds, Integer maxConcurrentCalls, Integer maxRetries, Integer retryDelayMinutes,
            Map<String, Object> settings) {
        Validation.optionalText(errors, "description", description, 2000);
        Validation.optionalText(errors, "assistantId", assistantId, 200);
        Validation.optionalText(errors, "companyId", companyId, 200);
        Validation.range(errors, "maxConcurrentCalls", maxConcurrentCalls, 1, CampaignLimits.MAX_CONCURRENT_CALLS);
        Validation.range(errors, "maxRetries", maxRetries, 0, CampaignLimits.MAX_RETRIES);
        Validation.range(errors, "retryDelayMinutes", retryDelayMinutes, 0, CampaignLimits.MAX_RETRY_DELAY_MINUTES);
        if (fromNumberIds != null) {
            if (fromNumberIds.size() > CampaignLimits.MAX_CALLER_IDS) {
                errors.add(new FieldError("fromNumberIds", "must have at most " + CampaignLimits.MAX_CALLER_IDS + " numbers"));
            }
            var seen = new HashSet<String>();
            for (int i = 0; i < fromNumberIds.size() && i < CampaignLimits.MAX_CALLER_IDS; i++) {
                String id = fromNumberIds.get(i);
                if (!Validation.isUuid(id)) {
                    errors.add(new FieldError("fromNumberIds[" + i + "]", "must be a phone number id"));
                } else if (!seen.add(id)) {
                    errors.add(new FieldError("fromNumberIds[" + i + "]", "is listed twice"));
                }
            }
        }
        if (settings != null && new JsonObject(settings).encode().getBytes(StandardCharsets.UTF_8).length > MAX_SETTINGS_BYTES) {
            errors.add(new FieldError("settings", "must be at most 64 KB of JSON"));
        }
    }

    private static void callRules(List<FieldError> errors, Integer ringTimeoutSeconds, Integer maxCallDurationSeconds,
            Map<String, RetryRule> retryRules) {
        Validation.range(errors, "ringTimeoutSeconds", ringTimeoutSeconds, CampaignLimits.MIN_RING_TIMEOUT_SECONDS,
                CampaignLimits.MAX_RING_TIMEOUT_SECONDS);
        Validation.range(errors, "maxCallDurationSeconds", maxCallDurationSeconds, CampaignLimits.MIN_CALL_DURATION_SECONDS,
                CampaignLimits.MAX_CALL_DURATION_SECONDS);
        if (retryRules == null) {
            return;
        }
        retryRules.forEach((outcome, rule) -> {
            String field = "retryRules." + outcome;
            var known = CallOutcome.fromWireName(outcome);
            if (known.isEmpty()) {
                errors.add(new FieldError(field, "is not an outcome; retryable outcomes: " + RETRYABLE));
            } else if (!known.get().isRetryable()) {
                errors.add(new FieldError(field, "is never retried; retryable outcomes: " + RETRYABLE));
            } else if (rule == null) {
                errors.add(new FieldError(field, "must be an object with delayMinutes and/or maxAttempts"));
            } else {
                Validation.range(errors, field + ".delayMinutes", rule.delayMinutes(), 0, CampaignLimits.MAX_RETRY_DELAY_MINUTES);
                Validation.range(errors, field + ".maxAttempts", rule.maxAttempts(), 1, 1 + CampaignLimits.MAX_RETRIES);
            }
        });
    }

    private static final String RETRYABLE = String.join(", ",
            java.util.Arrays.stream(CallOutcome.values()).filter(CallOutcome::isRetryable).map(CallOutcome::wireName).toList());

    private static void window(List<FieldError> errors, String start, String end, String zone, String defaultStart,
            String defaultEnd, String defaultZone) {
        String s = start == null ? defaultStart : start;
        String e = end == null ? defaultEnd : end;
        String z = zone == null ? defaultZone : zone;
        try {
            CallWindow.parseTime("callWindowStart", s);
        } catch (CallWindow.InvalidWindowException ex) {
            errors.add(new FieldError(ex.field(), ex.getMessage()));
        }
        try {
            CallWindow.parseTime("callWindowEnd", e);
        } catch (CallWindow.InvalidWindowException ex) {
            errors.add(new FieldError(ex.field(), ex.getMessage()));
        }
        try {
            CallWindow.parseZone(z);
        } catch (CallWindow.InvalidWindowException ex) {
            errors.add(new FieldError(ex.field(), ex.getMessage()));
        }
        if (s.equals(e)) {
            errors.add(new FieldError("callWindowEnd", "must differ from callWindowStart"));
        }
    }

    private static void scheduledStart(List<FieldError> errors, String value) {
        if (value != null && parseInstant(value) == null) {
            errors.add(new FieldError("scheduledStartAt", "must be an ISO 8601 timestamp with offset, e.g. 2026-05-01T09:00:00Z"));
        }
    }

    /** A timestamp with an explicit offset (a bare local time would be ambiguous), or null. */
    static Instant parseInstant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    static List<UUID> uuids(List<String> ids) {
        return ids == null ? List.of() : ids.stream().map(UUID::fromString).toList();
    }
}
