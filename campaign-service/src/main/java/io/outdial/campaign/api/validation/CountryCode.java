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

/** A region libphonenumber knows, as ISO 3166 alpha-2 (national phone formats are read in it). Null is valid (absent). */
@Documented
@Constraint(validatedBy = CountryCodeValidator.class)
@Target({ FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE })
@Retention(RUNTIME)
public @interface CountryCode {

    String message() default "must be an ISO 3166 alpha-2 country code such as US";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
