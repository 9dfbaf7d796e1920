package io.alluvium.services;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.EmbeddedService;
import io.alluvium.runtime.ServingEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The serving store of the embedded platform: a real {@code redis-server} child process on 127.0.0.1,
 * data under {@code <data.dir>/redis} with the append-only file on, so that what the realtime job wrote
 * survives a restart. Its configuration, password included, is handed over on the server's standard
 * input ({@code redis-server -}): the secret appears neither on a command line nor in a file.
 *
 * <p>It always requires a password ({@code serving.password}, else the data directory's generated one), and
 * the commands that administer the server rather than its data are gone even for a client that has it:
 * {@code CONFIG} (which could point the data files anywhere and write them there), {@code DEBUG}, {@code MODULE}
 * (which loads code) and {@code SHUTDOWN}. So this service stops it by signal: on SIGTERM Redis writes a final
 * snapshot, flushes the append-only file and exits.
 */
final class ServingStore implements EmbeddedService {
    private static final Logger LOG = LoggerFactory.getLogger(ServingStore.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int IO_TIMEOUT_MILLIS = 2000;
    private static final String PID_FILE = "redis-server.pid";
    private static final List<String> DISABLED_COMMANDS = List.of("CONFIG", "DEBUG", "MODULE", "SHUTDOWN");

    private final DataDir dataDir;
    private final int port;
    private final String password;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Process server;

    ServingStore(DataDir dataDir, int port, String password) {
        this.dataDir = dataDir;
        this.port = port;
        this.password = password;
    }

    static ServingStore of(AlluviumConfig config) {
        return new ServingStore(DataDir.of(config), config.getInt(AlluviumSettings.SERVING_PORT),
                ServingEndpoint.of(config).password().reveal());
    }

    /** The URL a client uses (without the password). */
    String url() {
        return "redis://" + LocalPort.HOST + ":" + port;
    }

    /** Starts redis-server and returns its URL once it answers PING. */
    @Override
    public String start() throws IOException, InterruptedException {
        Path dir = dataDir.redis();
        Files.createDirectories(dir);
        stopOrphan(dir.resolve(PID_FILE));
        LocalPort.requireFree(port, AlluviumSettings.SERVING_PORT);
        Path binary = RedisBinary.locate(dataDir.tmp());
        Path log = dir.resolve("redis-server.log");
        ProcessBuilder pb = new ProcessBuilder(binary.toString(), "-");
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        server = pb.start();
        try (OutputStream config = server.getOutputStream()) {
            config.write(configuration(dir, log).getBytes(StandardCharsets.UTF_8));
        }
        awaitPing(log);
        LOG.info("Serving store ready at {} ({}, data in {})", url(), binary, dir);
        return url();
    }

    private String configuration(Path dir, Path log) {
        StringBuilder conf = new StringBuilder()
                .append("bind ").append(LocalPort.HOST).append('\n')
                .append("port ").append(port).append('\n')
                .append("protected-mode yes\n")
                .append("daemonize no\n")
                .append("dir \"").append(dir.toAbsolutePath()).append("\"\n")
                .append("logfile \"").append(log.toAbsolutePath()).append("\"\n")
                .append("pidfile \"").append(dir.resolve(PID_FILE).toAbsolutePath()).append("\"\n")
                .append("appendonly yes\n")
                .append("appendfsync everysec\n")
                .append("requirepass \"").append(password.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
        for (String command : DISABLED_COMMANDS) {
            conf.append("rename-command ").append(command).append(" \"\"\n");
        }
        return conf.toString();
    }

    /**
     * A redis-server of this data directory still running although the JVM that started it is gone (it
     * was killed with SIGKILL, so it could not stop its child): stopped with SIGTERM, on which Redis saves
     * and exits, before this one starts on the same data.
     */
    private static void stopOrphan(Path pidFile) throws IOException, InterruptedException {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile).trim());
        } catch (NumberFormatException e) {
            return;
        }
        var orphan = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.contains("redis-server")).orElse(false));
        if (orphan.isPresent()) {
            LOG.warn("Stopping redis-server pid {}, left running on this data directory by a serving store that "
                    + "was killed", pid);
            orphan.get().destroy();
            try {
                orphan.get().onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException e) {
                orphan.get().destroyForcibly();
            }
        }
    }

    private void awaitPing(Path log) throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("redis-server exited with code " + server.exitValue()
                        + " at start; see " + log);
            }
            try (RespClient client = RespClient.connect(LocalPort.HOST, port, password, IO_TIMEOUT_MILLIS)) {
                if ("PONG".equals(client.call("PING"))) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("redis-server did not answer PING within " + START_TIMEOUT.toSeconds()
                + " s (" + (last == null ? "no answer" : last.getMessage()) + "); see " + log);
    }

    @Override
    public void awaitStopped() throws InterruptedException {
        server.waitFor();
    }

    /** SIGTERM (Redis then saves a final snapshot besides the append-only file and exits), then waits for it. */
    @Override
    public void close() {
        Process p = server;
        if (p == null || !closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Stopping serving store at {}", url());
        p.destroy();
        try {
            if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("redis-server did not stop within {} s: killing it", STOP_TIMEOUT.toSeconds());
                p.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
    }
}
