package io.outdial.campaign.api.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The request's {@code number} is a valid phone number that libphonenumber can write as E.164: as
 * given, or read in {@code defaultCountry} when that is set. A blank number is left to
 * {@code @NotBlank}. Reported on {@code number}.
 */
@Documented
@Constraint(validatedBy = DialableNumberValidator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface DialableNumber {

    String message() default "is not a valid phone number (use E.164, e.g. +12025550123)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A request carrying a phone number, and the region national formats of it are read in. */
    interface Fields {
        String number();

        String defaultCountry();
    }
}
