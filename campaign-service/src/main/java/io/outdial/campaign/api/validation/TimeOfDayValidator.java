package io.outdial.campaign.api.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.outdial.contract.CallWindow;

/** Reads the time as the feeder and the dialers will ({@link CallWindow#parseTime}), so what passes here they can read. */
public class TimeOfDayValidator implements ConstraintValidator<TimeOfDay, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            CallWindow.parseTime("time", value);
            return true;
        } catch (CallWindow.InvalidWindowException e) {
            return false;
        }
    }
}
