package io.outdial.campaign.api.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A campaign's {@code complianceProfile} and {@code complianceOptOut} agree, by
 * {@code ComplianceProfile.validate}: a known profile, and {@code none} only with an opt-out. With
 * {@link #partial()} (a patch, whose other member may be stored) only what the request itself
 * shows is checked: an unknown profile, or both members given and disagreeing.
 */
@Documented
@Constraint(validatedBy = ComplianceChoiceValidator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface ComplianceChoice {

    boolean partial() default false;

    String message() default "is not a valid compliance choice";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A request carrying a compliance choice. */
    interface Fields {
        String complianceProfile();

        Boolean complianceOptOut();
    }
}
