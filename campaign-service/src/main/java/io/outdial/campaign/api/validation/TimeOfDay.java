package io.outdial.campaign.api.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A local time of day as HH:MM, as call windows are written. Null is valid (absent). */
@Documented
@Constraint(validatedBy = TimeOfDayValidator.class)
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface TimeOfDay {

    String message() default "must be a time as HH:MM (00:00 to 23:59)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
