package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A long-lived service in a child JVM (the Kafka broker, the catalog's PostgreSQL) that outlives the
 * command that started it. Its protocol output goes to {@code run/<name>.out} (not a pipe, which would
 * break when the CLI exits) and its pid to {@code run/<name>.pid}, so that {@code status} and
 * {@code down} find it later and a crashed service is told from a running one.
 */
public final class ServiceProcess {
    /**
     * Starts each service in a session of its own (it execs in place, keeping its pid): a service outlives the command
     * that started it, and Ctrl-C in the terminal of a command that started services ({@code run}, {@code demo})
     * must not reach them, as it reaches that command's jobs: the command stops its services itself, once the jobs
     * that write to them have taken their final savepoints.
     */
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final DataDir dataDir;

    public ServiceProcess(String name, DataDir dataDir) {
        this.name = name;
        this.dataDir = dataDir;
    }

    public String name() {
        return name;
    }

    public Path pidFile() {
        return dataDir.run().resolve(name + ".pid");
    }

    public Path outFile() {
        return dataDir.run().resolve(name + ".out");
    }

    /** The running process, if the pid file names a live process. */
    public Optional<ProcessHandle> running() {
        return pid().flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    }

    /** A pid file whose process is gone: the service crashed or was killed. */
    public boolean stale() {
        return pid().isPresent() && running().isEmpty();
    }

    public Optional<Long> pid() {
        try {
            return Files.isRegularFile(pidFile())
                    ? Optional.of(Long.parseLong(Files.readString(pidFile()).strip()))
                    : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Starts the service and waits until it says it is ready.
     *
     * @return the detail of its ready line (e.g. its address)
     * @throws IllegalStateException with the service's own error, or its log's last lines
     */
    public String start(ChildJvm jvm, AlluviumConfig config, Duration timeout) {
        return launch(jvm, config).awaitReady(timeout);
    }

    /**
     * Starts the service without waiting for it: for services that become ready only together, such as the nodes
     * of one quorum, each is launched before any is awaited.
     */
    public Launched launch(ChildJvm jvm, AlluviumConfig config) {
        try {
            Files.deleteIfExists(outFile());
            ProcessBuilder pb = jvm.processBuilder(config);
            if (Files.isExecutable(SETSID)) {
                pb.command().add(0, SETSID.toString());
            }
            pb.redirectOutput(outFile().toFile());
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            Process p = pb.start();
            Files.writeString(pidFile(), Long.toString(p.pid()));
            return new Launched(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** A service started by {@link #launch}, not yet known to be ready. */
    public final class Launched {
        private final Process p;

        private Launched(Process p) {
            this.p = p;
        }

        /**
         * Waits until the service says it is ready; a service that fails or is not ready in time is stopped.
         *
         * @return the detail of its ready line (e.g. its address)
         * @throws IllegalStateException with the service's own error, or its log's last lines
         */
        public String awaitReady(Duration timeout) {
            try {
                long deadline = System.nanoTime() + timeout.toNanos();
                while (System.nanoTime() < deadline) {
                    for (String line : Files.readAllLines(outFile(), StandardCharsets.UTF_8)) {
                        var msg = ChildProtocol.parse(line);
                        if (msg.isPresent() && msg.get().kind() == ChildProtocol.Kind.READY) {
                            return msg.get().text();
                        }
                        if (msg.isPresent() && msg.get().kind() == ChildProtocol.Kind.ERROR) {
                            p.waitFor();
                            Files.deleteIfExists(pidFile());
                            throw new IllegalStateException(name + ": " + msg.get().text());
                        }
                    }
                    if (!p.isAlive()) {
                        Files.deleteIfExists(pidFile());
                        throw new IllegalStateException(name + " exited with code " + p.exitValue() + ":\n  "
                                + String.join("\n  ", RunningJob.errorTail(dataDir.log(name), 10)));
                    }
                    Thread.sleep(100);
                }
                p.destroyForcibly();
                Files.deleteIfExists(pidFile());
                throw new IllegalStateException(name + " was not ready after " + timeout.toSeconds() + " s; see "
                        + dataDir.log(name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting " + name, e);
            }
        }
    }

    /** Stops the service (SIGTERM, then SIGKILL after the grace period) and removes its pid file. */
    public boolean stop(Duration grace) {
        Optional<ProcessHandle> handle = running();
        boolean wasRunning = handle.isPresent();
        handle.ifPresent(h -> {
            List<ProcessHandle> descendants = h.descendants().toList();
            h.destroy();
            try {
                h.onExit().get(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
            descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        });
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return wasRunning;
    }
}
