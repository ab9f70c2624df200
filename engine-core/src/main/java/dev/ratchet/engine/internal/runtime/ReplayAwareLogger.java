package dev.ratchet.engine.internal.runtime;

import java.text.MessageFormat;
import java.util.ResourceBundle;
import java.util.function.Supplier;

/** A {@link System.Logger} for workflow code that writes to SLF4J and is silent while its run replays. */
final class ReplayAwareLogger implements System.Logger {
    private final org.slf4j.Logger delegate;
    private final WorkflowRun run;

    ReplayAwareLogger(org.slf4j.Logger delegate, WorkflowRun run) {
        this.delegate = delegate;
        this.run = run;
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public boolean isLoggable(Level level) {
        if (run.isReplaying()) {
            return false;
        }
        return switch (level) {
            case ALL, TRACE -> delegate.isTraceEnabled();
            case DEBUG -> delegate.isDebugEnabled();
            case INFO -> delegate.isInfoEnabled();
            case WARNING -> delegate.isWarnEnabled();
            case ERROR -> delegate.isErrorEnabled();
            case OFF -> false;
        };
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
        if (isLoggable(level)) {
            write(level, msg, thrown);
        }
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        if (isLoggable(level)) {
            write(level, params == null || params.length == 0 ? format : MessageFormat.format(format, params), null);
        }
    }

    @Override
    public void log(Level level, Supplier<String> msgSupplier) {
        if (isLoggable(level)) {
            write(level, msgSupplier.get(), null);
        }
    }

    private void write(Level level, String msg, Throwable thrown) {
        switch (level) {
            case ALL, TRACE -> delegate.trace(msg, thrown);
            case DEBUG -> delegate.debug(msg, thrown);
            case INFO -> delegate.info(msg, thrown);
            case WARNING -> delegate.warn(msg, thrown);
            case ERROR -> delegate.error(msg, thrown);
            case OFF -> {
            }
        }
    }
}
