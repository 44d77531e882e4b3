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

/** An IANA region id such as America/New_York; offsets and abbreviations (EST) have no DST rules worth the name. Null is valid (absent). */
@Documented
@Constraint(validatedBy = IanaTimeZoneValidator.class)
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface IanaTimeZone {

    String message() default "must be an IANA timezone such as America/New_York";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
