package io.alluvium.flink.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.runtime.DataDir;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.traces.Span;
import org.apache.flink.traces.reporter.TraceReporter;
import org.apache.flink.traces.reporter.TraceReporterFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink trace reporter that keeps the history of a streaming job's checkpoints on disk, one JSON line per
 * checkpoint from the "Checkpoint" span Flink's checkpoint statistics emit: when it ended, its status, how long it
 * took from trigger to completion, and its checkpointed and full state size. Flink shows these only while a job
 * runs; {@code alluvium doctor} reads the file afterwards to see whether checkpoints slow down, grow or fail
 * (docs/doctor.md#streaming). A checkpoint still running when the job is stopped is aborted without an end time:
 * it is left out, since a clean stop is not a failure. The newest {@value #KEEP} lines are kept, across runs.
 */
public final class CheckpointHistory implements TraceReporter {
    /** The file, in a job's state directory. */
    public static final String FILE = DataDir.CHECKPOINT_HISTORY;
    static final int KEEP = 1_000;
    private static final String NAME = "alluvium-checkpoint-history";
    private static final String FILE_PROPERTY = "file";
    private static final Logger LOG = LoggerFactory.getLogger(CheckpointHistory.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Deque<String> newest = new ArrayDeque<>();
    private Path file;
    private int appended;

    /** The Flink settings that register the reporter with a job's cluster, writing into {@code stateDir}. */
    static Configuration settings(Path stateDir) {
        String prefix = "traces.reporter." + NAME + ".";
        return Configuration.fromMap(Map.of(prefix + "factory.class", Factory.class.getName(),
                prefix + FILE_PROPERTY, stateDir.resolve(FILE).toString()));
    }

    @Override
    public synchronized void open(MetricConfig config) {
        file = Path.of(config.getString(FILE_PROPERTY, FILE));
        try {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                newest.addAll(lines.subList(Math.max(0, lines.size() - KEEP), lines.size()));
                if (lines.size() > KEEP) {
                    rewrite();
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot read the checkpoint history {}: {}", file, e.getMessage());
        }
    }

    @Override
    public synchronized void notifyOfAddedSpan(Span span) {
        Map<String, Object> a = span.getAttributes();
        if (!"Checkpoint".equals(span.getName()) || !(a.get("checkpointId") instanceof Number id)) {
            return;
        }
        if (span.getEndTsMillis() < span.getStartTsMillis()) {
            return; // aborted as the job stops (a clean stop, not a failure): Flink gives it no end
        }
        ObjectNode line = JSON.createObjectNode();
        line.put("ended_ms", span.getEndTsMillis());
        line.put("checkpoint", id.longValue());
        line.put("status", String.valueOf(a.get("checkpointStatus")));
        line.put("duration_ms", span.getEndTsMillis() - span.getStartTsMillis());
        line.put("checkpointed_bytes", a.get("checkpointedSize") instanceof Number n ? n.longValue() : 0);
        line.put("full_bytes", a.get("fullSize") instanceof Number n ? n.longValue() : 0);
        newest.addLast(line.toString());
        while (newest.size() > KEEP) {
            newest.removeFirst();
        }
        try {
            if (++appended >= KEEP) {
                rewrite();
            } else {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("cannot write the checkpoint history {}: {}", file, e.getMessage());
        }
    }

    /** Replaces the file with the newest lines at once, so that a reader never sees it cut. */
    private void rewrite() throws IOException {
        Path next = file.resolveSibling(FILE + ".next");
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(next, newest, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        appended = 0;
    }

    @Override
    public void close() {
    }

    /** How Flink creates the reporter. */
    public static final class Factory implements TraceReporterFactory {
        @Override
        public TraceReporter createTraceReporter(Properties properties) {
            return new CheckpointHistory();
        }
    }
}
