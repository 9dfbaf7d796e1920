package io.alluvium.architect;

/**
 * A requirements or calibration file the architect refuses to design from. Exists so that every bad
 * input reaches the user as one line naming the file, the line and the field (exit code 2), never as
 * a stack trace.
 */
public final class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public InvalidInputException(String source, int line, String field, String message) {
        super(source + (line > 0 ? ":" + line : "") + ": " + field + ": " + message);
        this.field = field;
    }

    /** The dotted name of the offending field, e.g. {@code volume.per_day}. */
    public String field() {
        return field;
    }
}
