package io.alluvium.runtime;

/**
 * The exit codes of the {@code alluvium} command and of every child JVM it starts, named once: scripts and
 * the CLI tell a user's mistake (fix the input and retry) from a failure (read the log).
 */
public enum ExitCode {
    /** Done, and every check held. */
    OK(0),
    /** A job failed, a check did not hold, or something unexpected happened: the log file says more. */
    FAILED(1),
    /** The input was at fault (arguments, settings, data, a refused credential): the message says what to fix. */
    BAD_INPUT(2);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    /** The process exit status. */
    public int code() {
        return code;
    }
}
