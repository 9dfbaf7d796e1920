package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a child JVM (broker, Flink job, Spark job) talks to the CLI that started it. Standard output
 * carries only protocol lines ({@code @alluvium progress|result|error|ready ...}); engine logs go to
 * the process's log file. The CLI turns progress into bars, results into tables, errors into one
 * message instead of a stack trace.
 */
public final class ChildProtocol {
    public static final String PREFIX = "@alluvium ";

    /** What a child says. */
    public enum Kind {
        PROGRESS, RESULT, ERROR, READY
    }

    /** One parsed protocol line. For PROGRESS, {@code text} is the stage; otherwise the payload. */
    public record Message(Kind kind, String text, long done, long total) {
    }

    /** A child job's body: settings from the CLI, its own arguments, and the channel back. */
    @FunctionalInterface
    public interface Job {
        void run(AlluviumConfig config, String[] args, ChildProtocol out) throws Exception;
    }

    /** A failure the user can fix (bad arguments, missing table): reported without a stack trace. */
    public static final class BadInputException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadInputException(String message) {
            super(message);
        }
    }

    /**
     * A failure (exit 1) whose message already says what happened and what to do: reported as it is, where any
     * other failure is reported by its root cause; its cause goes to the log.
     */
    public static final class ExplainedFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ExplainedFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final PrintStream out;

    public ChildProtocol(PrintStream out) {
        this.out = out;
    }

    /**
     * The main method of every child JVM: {@code args[0]} is the settings file written by the CLI, deleted as
     * soon as it is read (it may hold a configured password, see {@link ChildJvm}); the rest belongs to the job.
     * Exits with an {@link ExitCode}: OK, BAD_INPUT or FAILED.
     */
    public static void main(String[] args, Job job) {
        PrintStream protocolOut = System.out;
        // Libraries that print to stdout must not corrupt the protocol: send them to stderr (the log).
        System.setOut(System.err);
        ChildProtocol protocol = new ChildProtocol(protocolOut);
        ExitCode code = ExitCode.OK;
        try {
            if (args.length < 1) {
                throw new BadInputException("missing the settings file argument");
            }
            Path settings = Path.of(args[0]);
            AlluviumConfig config = AlluviumConfig.readFrom(settings);
            Files.delete(settings);
            job.run(config, Arrays.copyOfRange(args, 1, args.length), protocol);
        } catch (BadInputException e) {
            protocol.error(e.getMessage());
            code = ExitCode.BAD_INPUT;
        } catch (ExplainedFailure e) {
            e.printStackTrace(System.err);
            protocol.error(e.getMessage());
            code = ExitCode.FAILED;
        } catch (Throwable e) {
            e.printStackTrace(System.err);
            protocol.error(rootMessage(e));
            code = ExitCode.FAILED;
        }
        protocolOut.flush();
        System.exit(code.code());
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String msg = t.getMessage() == null ? "" : t.getMessage().replace('\n', ' ');
        return t.getClass().getSimpleName() + (msg.isEmpty() ? "" : ": " + msg);
    }

    public void progress(String stage, long done, long total) {
        emit("progress " + total + " " + done + " " + stage);
    }

    /** The job's result, as one line of JSON. */
    public void result(String json) {
        emit("result " + json.replace('\n', ' '));
    }

    public void error(String message) {
        emit("error " + message.replace('\n', ' '));
    }

    /** A long-running service says it accepts requests. */
    public void ready(String detail) {
        emit("ready " + detail.replace('\n', ' '));
    }

    private synchronized void emit(String line) {
        out.println(PREFIX + line);
        out.flush();
    }

    /** Parses a line of a child's standard output; empty for anything that is not protocol. */
    public static Optional<Message> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String body = line.substring(PREFIX.length());
        int sp = body.indexOf(' ');
        String verb = sp < 0 ? body : body.substring(0, sp);
        String rest = sp < 0 ? "" : body.substring(sp + 1);
        switch (verb) {
            case "progress": {
                String[] parts = rest.split(" ", 3);
                if (parts.length < 3) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(new Message(Kind.PROGRESS, parts[2], Long.parseLong(parts[1]),
                            Long.parseLong(parts[0])));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
            case "result":
                return Optional.of(new Message(Kind.RESULT, rest, 0, 0));
            case "error":
                return Optional.of(new Message(Kind.ERROR, rest, 0, 0));
            case "ready":
                return Optional.of(new Message(Kind.READY, rest, 0, 0));
            default:
                return Optional.empty();
        }
    }
}
