package io.alluvium.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * The CLI run in this JVM as a user would type it, keeping everything it printed: the one harness of the CLI's
 * tests of what a person sees (exit codes, messages, tables).
 */
public final class CliSession {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs {@code alluvium <args...>}; returns its exit code. */
    public int run(String... args) {
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    /** Everything printed to standard output so far. */
    public String out() {
        return out.toString();
    }

    /** Everything printed to standard error so far. */
    public String err() {
        return err.toString();
    }

    /** Forgets what was printed to standard error, for the next command's messages alone. */
    public void clearErr() {
        err.getBuffer().setLength(0);
    }
}
