package io.outdial.campaign.api.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

public class JsonSizeValidator implements ConstraintValidator<JsonSize, Object> {

    private static final ObjectMapper JSON = new ObjectMapper();

    private int maxBytes;

    @Override
    public void initialize(JsonSize constraint) {
        maxBytes = constraint.maxBytes();
    }

    @Override
    public boolean isValid(Object value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            return JSON.writeValueAsBytes(value).length <= maxBytes;
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
