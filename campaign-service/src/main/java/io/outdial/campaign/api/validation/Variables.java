package io.outdial.campaign.api.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A campaign's variables for the assistant: at most 50, named like identifiers, text of at most 1024 characters. Null is valid (absent). */
@Documented
@Constraint(validatedBy = VariablesValidator.class)
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface Variables {

    String message() default "must be variables";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
