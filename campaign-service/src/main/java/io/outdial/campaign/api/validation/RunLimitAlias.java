package io.outdial.campaign.api.validation;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** {@code maxCalls} is the seed's other name for {@code limit}: both may be given only when they agree. Reported on {@code maxCalls}. */
@Documented
@Constraint(validatedBy = RunLimitAliasValidator.class)
@Target(TYPE)
@Retention(RUNTIME)
public @interface RunLimitAlias {

    String message() default "is another name for limit and differs from it; give one of them";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
