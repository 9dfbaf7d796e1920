package io.alluvium.flink.bench;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.traces.Span;
import org.apache.flink.traces.reporter.TraceReporter;
import org.apache.flink.traces.reporter.TraceReporterFactory;

/**
 * A Flink trace reporter that remembers when each completed checkpoint was triggered: the start of the
 * "Checkpoint" span Flink's checkpoint statistics emit. With the Iceberg commit that names the checkpoint
 * it gives the landing bench its commit latency, without changing the job. Flink creates reporters itself
 * (through {@link Factory}, listed in {@code META-INF/services}), so the trigger times are kept in one
 * place per JVM, where the bench, which runs one job at a time, reads them.
 */
public final class CheckpointTriggers implements TraceReporter {
    private static final String NAME = "alluvium-checkpoint-triggers";
    private static final Map<Long, Long> TRIGGERED_MILLIS = new ConcurrentHashMap<>();

    /** The Flink settings that register the reporter with a job's cluster. */
    static Configuration settings() {
        return Configuration.fromMap(Map.of("traces.reporter." + NAME + ".factory.class", Factory.class.getName()));
    }

    /** Forgets the checkpoints seen so far: called before each job. */
    static void clear() {
        TRIGGERED_MILLIS.clear();
    }

    /** Checkpoint id → the time it was triggered (epoch millis), for completed checkpoints. */
    static Map<Long, Long> triggered() {
        return Map.copyOf(TRIGGERED_MILLIS);
    }

    @Override
    public void notifyOfAddedSpan(Span span) {
        Map<String, Object> attributes = span.getAttributes();
        if ("Checkpoint".equals(span.getName())
                && CheckpointStatsStatus.COMPLETED.name().equals(String.valueOf(attributes.get("checkpointStatus")))
                && attributes.get("checkpointId") instanceof Number id) {
            TRIGGERED_MILLIS.put(id.longValue(), span.getStartTsMillis());
        }
    }

    @Override
    public void open(MetricConfig config) {
    }

    @Override
    public void close() {
    }

    /** How Flink creates the reporter. */
    public static final class Factory implements TraceReporterFactory {
        @Override
        public TraceReporter createTraceReporter(Properties properties) {
            return new CheckpointTriggers();
        }
    }
}
