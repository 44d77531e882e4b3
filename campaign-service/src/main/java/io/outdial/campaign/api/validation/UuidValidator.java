package io.outdial.campaign.api.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.outdial.campaign.api.Validation;

public class UuidValidator implements ConstraintValidator<Uuid, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || Validation.isUuid(value);
    }
}
