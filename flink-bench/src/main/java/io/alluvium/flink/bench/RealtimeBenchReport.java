package io.alluvium.flink.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.bench.RoundStatistics;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.flink.realtime.RealtimePipeline;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The realtime bench's result line: the replays' medians with their spread, each live step (an overloaded one
 * named so, with why), the comparisons against the targets (throughput of the medians, freshness and rate at
 * the highest step run, every record counted), the highest step sustained and how it was all measured.
 */
final class RealtimeBenchReport {
    /**
     * The rate the highest sustained step should reach on a 2-core machine (docs/benchmarks.md, "bench realtime"),
     * whatever rate the sweep was run up to.
     */
    static final long SUSTAINED_TARGET_RATE = 60_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlluviumConfig config;
    private final long records;
    private final long rate;
    private final Duration stepDuration;
    private final boolean fixedEvents;

    /**
     * @param records     the records of each replay
     * @param rate        the highest rate of the live steps
     * @param fixedEvents whether the records were fixed by {@code --events} rather than sized for 10 s replays
     */
    RealtimeBenchReport(AlluviumConfig config, long records, long rate, Duration stepDuration, boolean fixedEvents) {
        this.config = config;
        this.records = records;
        this.rate = rate;
        this.stepDuration = stepDuration;
        this.fixedEvents = fixedEvents;
    }

    /**
     * @param inTopics the records in the topics at the end
     * @param counted  the records the store counted at the end
     */
    String toJson(List<RealtimeBench.Replay> discarding, List<RealtimeBench.Replay> serving, LivePhase.Result live,
            long inTopics, long counted) {
        ObjectNode root = JSON.createObjectNode();
        root.put("bench", "realtime");
        root.put("records", records);
        root.put("workload", String.format(Locale.ROOT, "%,d records per replay, %s; live steps of %d s up to %,d "
                + "events/s", records, fixedEvents ? "fixed by --events" : "sized by a calibration replay",
                stepDuration.toSeconds(), rate));
        ArrayNode measures = root.putArray("measures");
        RoundStatistics servingRounds = replayMeasure(measures, RealtimeBench.SERVING, serving);
        RoundStatistics discardingRounds = replayMeasure(measures, RealtimeBench.DISCARDING, discarding);
        List<LiveStep> steps = Stream.concat(live.sweep().stream(), live.burst().stream()).toList();
        steps.forEach(step -> stepMeasure(measures, step));

        ArrayNode comparisons = root.putArray("comparisons");
        BenchComparisons.add(comparisons, "throughput: serving store vs discarding sink",
                servingRounds.median() / discardingRounds.median(), ">= 0.85", 0.85, true);
        if (!live.sweep().isEmpty()) {
            // the highest step run: the top of the sweep unless an overload stopped it; say which rate it reached
            LiveStep top = live.sweep().get(live.sweep().size() - 1);
            BenchComparisons.add(comparisons, String.format(Locale.ROOT, "freshness p99 at %,.0f/s reached vs 1 s%s",
                    top.achievedRate(), top.overload().isPresent() ? " (OVERLOADED)" : ""),
                    p99Seconds(top), "<= 1.0", 1.0, false);
            BenchComparisons.add(comparisons, String.format(Locale.ROOT, "input rate reached vs the target %,d/s",
                    rate), top.achievedRate() / rate, ">= 0.95", 0.95, true);
            BenchComparisons.add(comparisons, String.format(Locale.ROOT, "highest sustained step vs %,d/s",
                    SUSTAINED_TARGET_RATE), live.highestSustained().map(LiveStep::achievedRate).orElse(0.0)
                    / SUSTAINED_TARGET_RATE, ">= 1.0", 1.0, true);
        }
        boolean replaysCounted = serving.stream().allMatch(r -> r.counted() == records);
        // ratio 1 or 0: ">= 1" is "= 1", written so that the CLI's comparison reader takes it
        BenchComparisons.add(comparisons, "every record counted (replays and live run)",
                replaysCounted && counted == inTopics ? 1.0 : 0.0, ">= 1.0", 1.0, true);

        ArrayNode notes = root.putArray("notes");
        // the rate the load reached, not the one it aimed at: on a busy machine the generator falls short
        notes.add(live.highestSustained()
                .map(step -> String.format(Locale.ROOT, "highest sustained step (freshness p99 <= 1 s, not "
                        + "overloaded): %s, %,.0f events/s reached", step.name(), step.achievedRate()))
                .orElseGet(() -> "no step was sustained (freshness p99 <= 1 s, not overloaded)" + live.sweep().stream()
                        .findFirst().map(s -> String.format(Locale.ROOT, "; lowest tried: %,d events/s", s.targetRate()))
                        .orElse("")));
        live.highestSustained().flatMap(step -> step.cpu().map(use -> String.format(Locale.ROOT, "CPU at the highest "
                + "sustained step: every event cost the machine %.0f µs (every process: job, sender, broker, "
                + "redis-server); at that cost its %d cores carry at most %,.0f events/s; %,d events/s would need at "
                + "most %.0f µs per event", use.machineMicrosPerEvent(step.sent()), use.cores(),
                use.rateAtFullUse(step.sent()), rate, use.cores() * 1e6 / rate))).ifPresent(notes::add);
        live.sweep().stream().filter(s -> s.overload().isPresent()).findFirst().ifPresent(s -> notes.add(
                String.format(Locale.ROOT, "the sweep stopped raising the rate after %s was overloaded", s.name())));
        steps.forEach(step -> notes.add(step.summary()));
        live.burst().ifPresent(burst -> notes.add(String.format(Locale.ROOT, "backpressure: at %,d events/s up to "
                + "%,d records waited in Kafka; %s", burst.targetRate(), burst.maxBacklog(),
                burst.allCountedAfterSeconds().isPresent() ? String.format(Locale.ROOT,
                        "the job had counted them all %.1f s after the burst ended", burst.allCountedAfterSeconds()
                                .getAsDouble()) : "the bench stopped waiting for the job to count them")));
        live.notes().forEach(notes::add);
        notes.add(String.format(Locale.ROOT, "at the end: %,d records in the topics, %,d counted", inTopics, counted));
        notes.add("a live step is OVERLOADED, ends early and no higher step runs when the records waiting in Kafka "
                + "rose over three windows of " + OverloadWatch.LAG_WINDOW.toSeconds() + " s (their lowest) by more "
                + "than " + OverloadWatch.LAG_GROWTH.toSeconds() + " s of its input, when every collection for "
                + OverloadWatch.HEAP_WINDOW.toSeconds() + " s left more than " + AlluviumSettings.REALTIME_HEAP_LIMIT
                + " of the heap in use, or when garbage collection took more than "
                + Math.round(OverloadWatch.GC_SHARE_LIMIT * 100) + " % of the last "
                + OverloadWatch.GC_WINDOW.toSeconds() + " s; after each step the bench waits at most "
                + LivePhase.CATCH_UP_LIMIT.toMinutes() + " min for the job to count what was sent");
        notes.add("the job reads " + RealtimePipeline.TOPICS + " with its state in "
                + config.getString(AlluviumSettings.REALTIME_STATE_BACKEND) + " (" + AlluviumSettings.REALTIME_STATE_BACKEND
                + "); the live steps are a live stream: their event times go on from the replayed history's end "
                + "with the wall clock, so state builds up as it does in production; rates are of all events the "
                + "generator sends (60 % clickstream, 20 % orders, 20 % payments), each step's rendered before it is "
                + "timed; freshness: producer send → key readable in Redis, of probe orders sent every "
                + FreshnessProbes.PROBE_INTERVAL_MILLIS + " ms beside the load");
        notes.add(String.format(Locale.ROOT, "replays: %d rounds each, alternating (discarding, serving store, ...), "
                + "fresh state each; figures and the ratio are the medians; seconds are the Flink job's net runtime "
                + "(incl. its deployment, the same for both sinks); %s", serving.size(), fixedEvents
                ? "the records are what --events generated"
                : "the records were sized by an unmeasured calibration replay into the discarding sink, for "
                        + Math.round(RoundStatistics.MIN_ROUND_SECONDS) + " s at its rate (× 1.5)"));
        return root.toString();
    }

    private RoundStatistics replayMeasure(ArrayNode measures, String name, List<RealtimeBench.Replay> rounds) {
        List<Double> seconds = rounds.stream().map(RealtimeBench.Replay::seconds).toList();
        RoundStatistics stats = new RoundStatistics(seconds.stream().map(s -> records / s).toList(), seconds);
        ObjectNode m = measures.addObject();
        m.put("name", name);
        m.put("records_per_s", Math.round(stats.median()));
        m.put("seconds", round(RoundStatistics.median(seconds)));
        m.set("rounds", JSON.valueToTree(stats.fields("records_per_s")));
        return stats;
    }

    private static void stepMeasure(ArrayNode measures, LiveStep step) {
        ObjectNode m = measures.addObject();
        m.put("name", step.shownName());
        m.put("records_per_s", Math.round(step.achievedRate()));
        m.put("seconds", round(step.seconds()));
        putMillis(m, "freshness_p50_ms", step, 50);
        putMillis(m, "freshness_p95_ms", step, 95);
        putMillis(m, "freshness_p99_ms", step, 99);
        m.put("probes", step.freshnessMillis().size());
        m.put("max_records_waiting", step.maxBacklog());
        if (step.allCountedAfterSeconds().isPresent()) {
            m.put("all_counted_after_load_s", round(step.allCountedAfterSeconds().getAsDouble()));
        } else {
            m.putNull("all_counted_after_load_s");
        }
        step.overload().ifPresent(o -> m.put("overloaded", o.reason()));
        step.cpu().ifPresent(use -> {
            m.put("cpu_busy_cores", round(use.busyCores()));
            m.put("cpu_us_per_event", round(use.machineMicrosPerEvent(step.sent())));
            m.put("cpu_us_per_event_this_jvm", round(use.jvmMicrosPerEvent(step.sent())));
            m.put("rate_at_full_cpu", Math.round(use.rateAtFullUse(step.sent())));
        });
    }

    /** A percentile of the step's freshness, or null when no probe was seen. */
    private static void putMillis(ObjectNode m, String field, LiveStep step, double percentile) {
        Optional.of(step.percentile(percentile)).filter(p -> p != Long.MAX_VALUE)
                .ifPresentOrElse(p -> m.put(field, p), () -> m.putNull(field));
    }

    /** The step's freshness p99 in seconds; without a probe seen, at least the step's length. */
    private static double p99Seconds(LiveStep step) {
        long p99 = step.percentile(99);
        return p99 == Long.MAX_VALUE ? step.seconds() : p99 / 1000.0;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
