package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A child JVM that runs to completion (a batch build, a landing run until caught up): its protocol
 * lines are read as they come and handed to a listener, and its end is summarized as an
 * {@link Outcome} that carries the result, or the error and the last lines of its log.
 */
public final class RunningJob {

    /** How a job ended. {@code result} is the JSON of its last result line, or null. */
    public record Outcome(int exitCode, String result, String error, List<String> logTail, Path log,
                          long peakRssBytes) {
        public boolean succeeded() {
            return exitCode == 0;
        }

        /** One message for the user: the job's own error, else the last error lines of its log. */
        public String failureMessage() {
            if (error != null) {
                return error;
            }
            return "exited with code " + exitCode + "; last log lines:\n  " + String.join("\n  ", logTail)
                    + "\n(full log: " + log + ")";
        }
    }

    private final Process process;
    private final Path log;

    private RunningJob(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the job in a temporary directory of its own ({@link JobScratch}), removed when it ends. */
    public static RunningJob start(ChildJvm jvm, AlluviumConfig config) {
        DataDir dataDir = DataDir.of(config).create();
        JobScratch scratch = JobScratch.create(dataDir, jvm.name());
        try {
            Process p = jvm.processBuilder(config, scratch.dir()).start();
            scratch.ownedBy(p.pid());
            p.getOutputStream().close();
            p.onExit().thenRun(scratch::remove);
            return new RunningJob(p, dataDir.log(jvm.name()));
        } catch (IOException e) {
            scratch.remove();
            throw new UncheckedIOException("cannot start " + jvm.name() + ": " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public Process process() {
        return process;
    }

    /** Reads the job's messages until it exits. Progress and other messages go to {@code listener}. */
    public Outcome await(Consumer<ChildProtocol.Message> listener) {
        String result = null;
        String error = null;
        try (ProcessMemory.Sampler memory = new ProcessMemory.Sampler(process.toHandle());
             BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                var msg = ChildProtocol.parse(line);
                if (msg.isEmpty()) {
                    continue;
                }
                switch (msg.get().kind()) {
                    case RESULT -> result = msg.get().text();
                    case ERROR -> error = msg.get().text();
                    default -> listener.accept(msg.get());
                }
            }
            int code = process.waitFor();
            return new Outcome(code, result, code == 0 ? null : error, code == 0 ? List.of() : errorTail(log, 15), log,
                    memory.peak());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + log.getFileName(), e);
        }
    }

    /**
     * Kills the job at once (SIGKILL, as a crash would): used by crash tests. Through the process
     * handle, so that what the job already wrote can still be read ({@code Process.destroy} closes it).
     */
    public void kill() {
        process.toHandle().destroyForcibly();
    }

    /**
     * Asks the job to stop (SIGTERM: a streaming job takes a final savepoint), and kills it if it has
     * not ended within {@code grace}. Used when the user presses Ctrl-C.
     */
    public void stop(java.time.Duration grace) {
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            kill();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of a log that say what went wrong (ERROR, exceptions and their causes). */
    public static List<String> errorTail(Path log, int max) {
        if (!Files.isRegularFile(log)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> picked = new ArrayList<>();
            for (String l : lines) {
                if (l.contains("ERROR") || l.contains("Exception") || l.startsWith("Caused by")) {
                    picked.add(l.length() > 300 ? l.substring(0, 300) + "…" : l);
                }
            }
            List<String> source = picked.isEmpty() ? lines : picked;
            return List.copyOf(source.subList(Math.max(0, source.size() - max), source.size()));
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }
}
