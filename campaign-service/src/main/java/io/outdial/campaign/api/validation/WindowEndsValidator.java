package io.outdial.campaign.api.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

public class WindowEndsValidator implements ConstraintValidator<WindowEnds, WindowEnds.Fields> {

    private String defaultStart;
    private String defaultEnd;

    @Override
    public void initialize(WindowEnds constraint) {
        defaultStart = constraint.defaultStart().isEmpty() ? null : constraint.defaultStart();
        defaultEnd = constraint.defaultEnd().isEmpty() ? null : constraint.defaultEnd();
    }

    @Override
    public boolean isValid(WindowEnds.Fields request, ConstraintValidatorContext context) {
        if (request == null) {
            return true;
        }
        String start = request.callWindowStart() != null ? request.callWindowStart() : defaultStart;
        String end = request.callWindowEnd() != null ? request.callWindowEnd() : defaultEnd;
        if (start == null || end == null || !start.equals(end)) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                .addPropertyNode("callWindowEnd").addConstraintViolation();
        return false;
    }
}
