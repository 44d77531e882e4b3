package io.outdial.campaign.api.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.outdial.contract.CallWindow;

/** The zone as {@link CallWindow#parseZone} reads it: a region id with a slash that java.time knows. */
public class IanaTimeZoneValidator implements ConstraintValidator<IanaTimeZone, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            CallWindow.parseZone(value);
            return true;
        } catch (CallWindow.InvalidWindowException e) {
            return false;
        }
    }
}
