package dev.ratchet.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read-only method of a {@link WorkflowInterface} that answers a query from the run's current state. It must
 * return a value and must not change anything history records: calling an activity, sleeping, starting a timer or
 * thread, awaiting, or reading the workflow's random generator fails the query.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface QueryMethod {
    /** The query name; defaults to the method name. */
    String name() default "";
}
