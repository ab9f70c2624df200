package dev.ratchet.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link WorkflowInterface} that receives a signal: a durable, one-way message, recorded in the
 * run's history and delivered in order by invoking this method on the workflow instance (as workflow code, so it may
 * block). Must return void; its parameters are stored as JSON.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface SignalMethod {
    /** The signal name stored in history; defaults to the method name. */
    String name() default "";
}
