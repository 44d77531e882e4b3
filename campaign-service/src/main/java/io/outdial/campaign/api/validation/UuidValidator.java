package io.outdial.campaign.api.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.outdial.campaign.domain.Ids;

public class UuidValidator implements ConstraintValidator<Uuid, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || Ids.isUuid(value);
    }
}
