package io.alluvium.cli;

/**
 * Something the user can fix (a bad flag, a port in use, a missing table): printed as one message
 * with exit code 2, never as a stack trace.
 */
public final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UserError(String message) {
        super(message);
    }
}
