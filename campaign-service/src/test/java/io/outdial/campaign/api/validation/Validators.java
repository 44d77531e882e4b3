package io.outdial.campaign.api.validation;

import java.util.List;

import jakarta.validation.Validator;

import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

import io.outdial.campaign.api.problem.ViolationFields;
import io.outdial.campaign.domain.FieldError;

/** A plain Hibernate Validator, as Quarkus configures it for messages ({min}, {max} without EL). */
public final class Validators {

    public static final Validator VALIDATOR = jakarta.validation.Validation.byProvider(HibernateValidator.class).configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();

    private Validators() {
    }

    /** The field errors the API would answer for {@code value}. */
    public static List<FieldError> errors(Object value) {
        return ViolationFields.of(VALIDATOR.validate(value));
    }

    public static List<String> fields(Object value) {
        return errors(value).stream().map(FieldError::field).toList();
    }
}
