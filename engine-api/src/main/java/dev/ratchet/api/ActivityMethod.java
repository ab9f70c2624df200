package dev.ratchet.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Optional on a method of an {@link ActivityInterface}: overrides the activity type name stored in history. */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ActivityMethod {
    /** The activity type name; defaults to the interface's prefix plus the method name. */
    String name() default "";
}
