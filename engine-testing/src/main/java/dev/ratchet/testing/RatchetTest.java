package dev.ratchet.testing;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test of the class a fresh {@link TestWorkflowEnvironment} (time skipping on) with these workflows and
 * activities, injected as a test method parameter of type {@code TestWorkflowEnvironment} or
 * {@code WorkflowClient}. For activity fakes built in the test, register a {@link RatchetExtension} instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RatchetExtension.class)
public @interface RatchetTest {
    /** Workflow implementation classes to register. */
    Class<?>[] workflows() default {};

    /** Activity implementation classes, each created per test with its public no-argument constructor. */
    Class<?>[] activities() default {};

    /** The store kind. */
    TestWorkflowEnvironment.StoreKind store() default TestWorkflowEnvironment.StoreKind.IN_MEMORY;

    /** Whether time skips (false: real time). */
    boolean timeSkipping() default true;
}
