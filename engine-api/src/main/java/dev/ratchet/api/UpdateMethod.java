package dev.ratchet.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link WorkflowInterface} that handles an update: a request whose caller waits for its result.
 * An accepted update is recorded before the caller is told, then runs as workflow code (it may call activities and
 * block); its result or failure is recorded and returned to the caller. See {@link UpdateValidatorMethod}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface UpdateMethod {
    /** The update name stored in history; defaults to the method name. */
    String name() default "";
}
