package io.outdial.campaign.api.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.outdial.campaign.domain.SafeText;

public class StorableTextValidator implements ConstraintValidator<StorableText, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return SafeText.isSafe(value);
    }
}
