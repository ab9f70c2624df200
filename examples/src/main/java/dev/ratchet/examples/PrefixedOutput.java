package dev.ratchet.examples;

import java.io.OutputStream;
import java.io.PrintStream;

/** A console stream that starts every line with a prefix (the demo labels each JVM's lines). */
final class PrefixedOutput extends OutputStream {
    private final PrintStream target;
    private final byte[] prefix;
    private boolean lineStart = true;

    private PrefixedOutput(PrintStream target, String prefix) {
        this.target = target;
        this.prefix = prefix.getBytes();
    }

    static PrintStream of(PrintStream target, String prefix) {
        return new PrintStream(new PrefixedOutput(target, prefix), true);
    }

    @Override
    public synchronized void write(int b) {
        if (lineStart) {
            target.write(prefix, 0, prefix.length);
        }
        target.write(b);
        lineStart = b == '\n';
    }

    @Override
    public void flush() {
        target.flush();
    }
}
