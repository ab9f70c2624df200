package dev.ratchet.testing;

import dev.ratchet.api.InvalidArgumentException;
import dev.ratchet.api.WorkflowClient;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives each test a fresh {@link TestWorkflowEnvironment}, injected as a test method
 * parameter of type {@code TestWorkflowEnvironment} or {@code WorkflowClient}, and closes it after the test. Use it
 * through {@link RatchetTest}, or register it with a builder when the test builds its own activity fakes:
 *
 * <pre>{@code
 * @RegisterExtension
 * final RatchetExtension ratchet = RatchetExtension.of(env -> env
 *         .workflows(ReminderWorkflowImpl.class).activities(mailer));
 * }</pre>
 * The environment starts when a test first asks for it. Thread-safe for JUnit's use.
 */
public final class RatchetExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            RatchetExtension.class);
    private final Consumer<TestWorkflowEnvironment.Builder> configuration;

    /** The extension as {@link RatchetTest} registers it: configured by the test class's annotation. */
    public RatchetExtension() {
        this.configuration = null;
    }

    private RatchetExtension(Consumer<TestWorkflowEnvironment.Builder> configuration) {
        this.configuration = configuration;
    }

    /** An extension whose environments {@code configuration} sets up (registrations, store, time skipping). */
    public static RatchetExtension of(Consumer<TestWorkflowEnvironment.Builder> configuration) {
        return new RatchetExtension(InvalidArgumentException.requireNonNull(configuration, "configuration"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == TestWorkflowEnvironment.class || type == WorkflowClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        TestWorkflowEnvironment env = environment(context);
        return parameter.getParameter().getType() == WorkflowClient.class ? env.client() : env;
    }

    /** The environment of the current test, started on first use. */
    private TestWorkflowEnvironment environment(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("env", k -> build(context),
                TestWorkflowEnvironment.class);
    }

    private TestWorkflowEnvironment build(ExtensionContext context) {
        TestWorkflowEnvironment.Builder b = TestWorkflowEnvironment.builder();
        if (configuration != null) {
            configuration.accept(b);
            return b.start();
        }
        RatchetTest a = context.getRequiredTestClass().getAnnotation(RatchetTest.class);
        if (a == null) {
            throw new ParameterResolutionException("RatchetExtension without configuration needs @RatchetTest on "
                    + context.getRequiredTestClass().getName() + "; annotate the class or use RatchetExtension.of");
        }
        b.workflows(a.workflows()).store(a.store()).timeSkipping(a.timeSkipping());
        for (Class<?> c : a.activities()) {
            b.activities(instantiate(c));
        }
        return b.start();
    }

    private static Object instantiate(Class<?> c) {
        try {
            return c.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            throw new InvalidArgumentException("activity class " + c.getName() + " in @RatchetTest needs a public "
                    + "no-argument constructor; or build the fake in the test and use RatchetExtension.of", e);
        } catch (InvocationTargetException e) {
            throw new InvalidArgumentException("constructing activity " + c.getName() + " failed: "
                    + e.getCause(), e.getCause());
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        TestWorkflowEnvironment env = context.getStore(NAMESPACE).remove("env", TestWorkflowEnvironment.class);
        if (env != null) {
            env.close();
        }
    }
}
