package io.outdial.campaign.api.validation;

import java.util.Map;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.outdial.campaign.domain.AssistantVariables;

/**
 * Names become SIP header names at the far end, so they must be identifiers; values are text of
 * bounded length. Errors name the variable's path: {@code variables.plan}.
 */
public class VariablesValidator implements ConstraintValidator<Variables, Map<String, String>> {

    @Override
    public boolean isValid(Map<String, String> variables, ConstraintValidatorContext context) {
        if (variables == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        boolean valid = true;
        if (variables.size() > AssistantVariables.MAX_CAMPAIGN_VARIABLES) {
            context.buildConstraintViolationWithTemplate("must have at most " + AssistantVariables.MAX_CAMPAIGN_VARIABLES
                    + " variables").addConstraintViolation();
            valid = false;
        }
        for (Map.Entry<String, String> entry : variables.entrySet()) {
            String problem = problem(entry.getKey(), entry.getValue());
            if (problem != null) {
                // The name is the client's text: it goes into the path, never into the message template.
                context.buildConstraintViolationWithTemplate(problem).addPropertyNode(entry.getKey()).addConstraintViolation();
                valid = false;
            }
        }
        return valid;
    }

    private static String problem(String name, String value) {
        if (!AssistantVariables.isName(name)) {
            return "must be named by a letter, then up to 63 letters, digits or underscores";
        }
        if (value == null) {
            return "must be a string";
        }
        if (value.length() > AssistantVariables.MAX_VALUE_LENGTH) {
            return "must be at most " + AssistantVariables.MAX_VALUE_LENGTH + " characters";
        }
        return null;
    }
}
