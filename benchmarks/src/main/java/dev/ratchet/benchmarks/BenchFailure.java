package dev.ratchet.benchmarks;

/** A benchmark run that went wrong: a wrong result, a timeout or an engine error. */
final class BenchFailure extends RuntimeException {
    BenchFailure(String message) {
        super(message);
    }

    BenchFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
