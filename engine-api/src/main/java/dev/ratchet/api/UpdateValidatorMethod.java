package dev.ratchet.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the validator of an {@link UpdateMethod}: a void method with the same parameters, run read-only on the run's
 * current state before the update is accepted. If it throws, the update is rejected and leaves no trace in history.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface UpdateValidatorMethod {
    /** The name of the update this method validates. */
    String updateName();
}
