package io.outdial.campaign.api.validation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Names each repeat by its index ({@code fromNumberIds[3]}), so the client sees which entry to drop. */
public class DistinctElementsValidator implements ConstraintValidator<DistinctElements, List<?>> {

    @Override
    public boolean isValid(List<?> values, ConstraintValidatorContext context) {
        if (values == null) {
            return true;
        }
        Set<Object> seen = new HashSet<>();
        boolean valid = true;
        context.disableDefaultConstraintViolation();
        for (int i = 0; i < values.size(); i++) {
            Object value = values.get(i);
            if (value != null && !seen.add(value)) {
                valid = false;
                context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate())
                        .addBeanNode().inIterable().atIndex(i).addConstraintViolation();
            }
        }
        return valid;
    }
}
