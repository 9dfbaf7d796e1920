package io.alluvium.cli;

/** A child job or an invariant failed: printed as one message with exit code 1. */
public final class JobFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobFailure(String message) {
        super(message);
    }
}
