package io.outdial.campaign.api.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A call window's start and end differ (start = end would be a window of no time). An absent end
 * takes {@link #defaultEnd()}, an absent start {@link #defaultStart()}; with no default (a patch,
 * whose other end is stored), the check waits until both are known. Reported on {@code callWindowEnd}.
 */
@Documented
@Constraint(validatedBy = WindowEndsValidator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface WindowEnds {

    /** The start an absent {@code callWindowStart} means; empty when there is none. */
    String defaultStart() default "";

    /** The end an absent {@code callWindowEnd} means; empty when there is none. */
    String defaultEnd() default "";

    String message() default "must differ from callWindowStart";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** A request carrying a call window. */
    interface Fields {
        String callWindowStart();

        String callWindowEnd();
    }
}
