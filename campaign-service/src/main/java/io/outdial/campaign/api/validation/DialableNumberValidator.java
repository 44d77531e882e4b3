package io.outdial.campaign.api.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.outdial.campaign.domain.PhoneNumbers;

public class DialableNumberValidator implements ConstraintValidator<DialableNumber, DialableNumber.Fields> {

    @Override
    public boolean isValid(DialableNumber.Fields request, ConstraintValidatorContext context) {
        if (request == null || request.number() == null || request.number().isBlank()
                || PhoneNumbers.normalize(request.number(), request.defaultCountry()).isPresent()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode("number").addConstraintViolation();
        return false;
    }
}
