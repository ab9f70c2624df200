package dev.ratchet.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface whose methods are activities: side-effecting calls that workflow code invokes through a stub
 * from {@link Workflow#activities(Class, ActivityOptions)}. Each method's type name is {@code namePrefix + methodName}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ActivityInterface {
    /** Prefix for the activity type names of this interface's methods; empty by default. */
    String namePrefix() default "";
}
