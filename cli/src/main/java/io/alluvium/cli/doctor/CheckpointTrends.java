package io.alluvium.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.doctor.Finding;
import io.alluvium.doctor.Finding.Severity;
import io.alluvium.domain.StreamJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;

/**
 * The doctor's reading of a stream job's checkpoint history (docs/doctor.md#streaming), as the job records it in
 * its state directory: checkpoints that failed, checkpoints that take a large part of their interval, and
 * checkpoint durations or state sizes that grow — a job falling behind or a state without bound, seen before it
 * hits a limit.
 */
final class CheckpointTrends {
    /** The newest checkpoints judged, and the oldest ones they are compared with. */
    static final int WINDOW = 20;
    /** Failed checkpoints are looked for among this many newest. */
    static final int FAILURES_AMONG = 100;
    /** A checkpoint's median duration is a warning from this share of the checkpoint interval. */
    static final double INTERVAL_SHARE_AT_LEAST = 0.5;
    /** Growth from the oldest to the newest window's median that is a warning... */
    static final double GROWTH_AT_LEAST = 2.0;
    /** ...when the newest median is at least this long or this big. */
    static final long DURATION_FLOOR_MS = 1_000;
    static final long SIZE_FLOOR_BYTES = 10L << 20;

    /** One recorded checkpoint. */
    record Checkpoint(long checkpoint, boolean completed, long durationMs, long fullBytes) {
        static Checkpoint of(JsonNode line) {
            return new Checkpoint(line.path("checkpoint").asLong(), "COMPLETED".equals(line.path("status").asText()),
                    line.path("duration_ms").asLong(), line.path("full_bytes").asLong());
        }
    }

    private CheckpointTrends() {
    }

    /**
     * @param history  the job's checkpoints, oldest first
     * @param interval the job's checkpoint interval setting, and its name
     */
    static List<Finding> check(StreamJob job, List<Checkpoint> history, Duration interval, String intervalSetting,
                               String sizeFix) {
        List<Finding> findings = new ArrayList<>();
        String subject = job.jobName() + " job";
        List<Checkpoint> recent = history.subList(Math.max(0, history.size() - FAILURES_AMONG), history.size());
        long failed = recent.stream().filter(c -> !c.completed()).count();
        if (failed > 0) {
            findings.add(new Finding(Severity.WARNING, "checkpoint-failures", subject,
                    String.format(Locale.ROOT, "%d of the newest %d checkpoints failed", failed, recent.size()),
                    "any failed checkpoint",
                    "a failed checkpoint commits nothing: output waits, and a restart replays from the last good one",
                    "see logs/" + job.jobName() + ".log in the data directory"));
        }
        List<Checkpoint> done = history.stream().filter(Checkpoint::completed).toList();
        if (done.isEmpty()) {
            return findings;
        }
        List<Checkpoint> newest = done.subList(Math.max(0, done.size() - WINDOW), done.size());
        long duration = median(newest, Checkpoint::durationMs);
        double share = duration / (double) interval.toMillis();
        if (share >= INTERVAL_SHARE_AT_LEAST) {
            findings.add(new Finding(Severity.WARNING, "checkpoint-duration", subject,
                    String.format(Locale.ROOT, "the newest %d checkpoints took %s (median), %.0f%% of %s (%s)",
                            newest.size(), Units.seconds(duration), 100 * share, intervalSetting, Units.seconds(interval.toMillis())),
                    String.format(Locale.ROOT, ">= %.0f%% of the checkpoint interval", 100 * INTERVAL_SHARE_AT_LEAST),
                    "a checkpoint that takes most of its interval delays every commit: backpressure or state too big"
                            + " to copy in time",
                    "raise " + intervalSetting + ", or find the backpressure in logs/" + job.jobName() + ".log"));
        }
        if (done.size() >= 2 * WINDOW) {
            List<Checkpoint> oldest = done.subList(0, WINDOW);
            growth(findings, subject, "checkpoint-duration-growth", oldest, newest, Checkpoint::durationMs,
                    DURATION_FLOOR_MS, true, "checkpoints slow down as the job runs: it is falling behind",
                    "find the backpressure in logs/" + job.jobName() + ".log");
            growth(findings, subject, "state-growth", oldest, newest, Checkpoint::fullBytes, SIZE_FLOOR_BYTES, false,
                    "state that only grows ends in a heap limit or in checkpoints that outlast their interval",
                    sizeFix);
        }
        return findings;
    }

    private static void growth(List<Finding> findings, String subject, String check, List<Checkpoint> oldest,
                               List<Checkpoint> newest, ToLongFunction<Checkpoint> measure, long floor,
                               boolean time, String why, String fix) {
        long before = median(oldest, measure);
        long after = median(newest, measure);
        if (after < floor || after < GROWTH_AT_LEAST * Math.max(1, before)) {
            return;
        }
        findings.add(new Finding(Severity.WARNING, check, subject,
                String.format(Locale.ROOT, "median %s %s over the oldest %d recorded checkpoints, %s over the newest"
                                + " %d (x%.1f)", time ? "duration" : "state", time ? Units.seconds(before) : Units.size(before),
                        oldest.size(), time ? Units.seconds(after) : Units.size(after), newest.size(),
                        after / (double) Math.max(1, before)),
                String.format(Locale.ROOT, "x%.0f and >= %s", GROWTH_AT_LEAST, time ? Units.seconds(floor) : Units.size(floor)),
                why, fix));
    }

    private static long median(List<Checkpoint> checkpoints, ToLongFunction<Checkpoint> measure) {
        long[] values = checkpoints.stream().mapToLong(measure).sorted().toArray();
        return values[values.length / 2];
    }
}
