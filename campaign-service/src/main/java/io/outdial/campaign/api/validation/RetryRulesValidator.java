package io.outdial.campaign.api.validation;

import java.util.Arrays;
import java.util.Map;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.outdial.campaign.domain.CampaignLimits;
import io.outdial.contract.events.CallOutcome;
import io.outdial.contract.events.RetryRule;

/**
 * Each key must be an outcome the system retries (naming a final one, e.g. answered, would promise a
 * retry that never happens), each rule an object whose numbers are in range. Errors name the rule's
 * path: {@code retryRules.busy}, {@code retryRules.busy.delayMinutes}.
 */
public class RetryRulesValidator implements ConstraintValidator<RetryRules, Map<String, RetryRule>> {

    static final String RETRYABLE = String.join(", ",
            Arrays.stream(CallOutcome.values()).filter(CallOutcome::isRetryable).map(CallOutcome::wireName).toList());

    @Override
    public boolean isValid(Map<String, RetryRule> rules, ConstraintValidatorContext context) {
        if (rules == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        boolean valid = true;
        for (Map.Entry<String, RetryRule> entry : rules.entrySet()) {
            String outcome = entry.getKey();
            RetryRule rule = entry.getValue();
            var known = CallOutcome.fromWireName(outcome);
            if (known.isEmpty()) {
                valid = fail(context, outcome, null, "is not an outcome; retryable outcomes: " + RETRYABLE);
            } else if (!known.get().isRetryable()) {
                valid = fail(context, outcome, null, "is never retried; retryable outcomes: " + RETRYABLE);
            } else if (rule == null) {
                valid = fail(context, outcome, null, "must be an object with delayMinutes and/or maxAttempts");
            } else {
                if (outOfRange(rule.delayMinutes(), 0, CampaignLimits.MAX_RETRY_DELAY_MINUTES)) {
                    valid = fail(context, outcome, "delayMinutes",
                            "must be between 0 and " + CampaignLimits.MAX_RETRY_DELAY_MINUTES);
                }
                if (outOfRange(rule.maxAttempts(), 1, 1 + CampaignLimits.MAX_RETRIES)) {
                    valid = fail(context, outcome, "maxAttempts", "must be between 1 and " + (1 + CampaignLimits.MAX_RETRIES));
                }
            }
        }
        return valid;
    }

    private static boolean outOfRange(Integer value, int min, int max) {
        return value != null && (value < min || value > max);
    }

    /** Always false, so that a caller can write {@code valid = fail(...)}. */
    private static boolean fail(ConstraintValidatorContext context, String outcome, String member, String message) {
        // The outcome key is the client's text: it goes into the path, never into the message template.
        var node = context.buildConstraintViolationWithTemplate(message).addPropertyNode(outcome);
        if (member != null) {
            node.addPropertyNode(member).addConstraintViolation();
        } else {
            node.addConstraintViolation();
        }
        return false;
    }
}
