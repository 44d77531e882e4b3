package io.outdial.campaign.api.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.outdial.campaign.api.dto.CampaignRequests;

public class OffsetTimestampValidator implements ConstraintValidator<OffsetTimestamp, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || CampaignRequests.parseInstant(value) != null;
    }
}
