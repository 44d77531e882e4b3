package io.outdial.campaign.api.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.outdial.campaign.api.dto.CampaignRequests.RunCampaign;

public class RunLimitAliasValidator implements ConstraintValidator<RunLimitAlias, RunCampaign> {

    @Override
    public boolean isValid(RunCampaign run, ConstraintValidatorContext context) {
        if (run == null || run.limit() == null || run.maxCalls() == null || run.limit().equals(run.maxCalls())) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode("maxCalls").addConstraintViolation();
        return false;
    }
}
