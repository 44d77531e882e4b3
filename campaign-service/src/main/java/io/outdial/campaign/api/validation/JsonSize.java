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

/** A free-form value (e.g. {@code settings}) of at most {@link #maxBytes()} bytes as UTF-8 JSON; null is valid. */
@Documented
@Constraint(validatedBy = JsonSizeValidator.class)
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT })
@Retention(RUNTIME)
public @interface JsonSize {

    int maxBytes();

    String message() default "must be at most {maxBytes} bytes as JSON";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
