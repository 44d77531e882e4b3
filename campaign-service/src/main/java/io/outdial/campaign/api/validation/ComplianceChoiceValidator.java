package io.outdial.campaign.api.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.outdial.campaign.domain.eligibility.ComplianceProfile;

public class ComplianceChoiceValidator implements ConstraintValidator<ComplianceChoice, ComplianceChoice.Fields> {

    private boolean partial;

    @Override
    public void initialize(ComplianceChoice constraint) {
        partial = constraint.partial();
    }

    @Override
    public boolean isValid(ComplianceChoice.Fields request, ConstraintValidatorContext context) {
        if (request == null) {
            return true;
        }
        // A patch naming only the profile is checked against the stored opt-out when it applies.
        Boolean optOut = partial && request.complianceOptOut() == null ? Boolean.TRUE : request.complianceOptOut();
        if (partial && request.complianceProfile() == null) {
            return true;
        }
        var violation = ComplianceProfile.validate(request.complianceProfile(), optOut);
        if (violation.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(escape(violation.get().message()))
                .addPropertyNode(violation.get().field()).addConstraintViolation();
        return false;
    }

    /** The message is literal text, not a template: braces and dollars must not be interpolated. */
    private static String escape(String message) {
        return message.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
