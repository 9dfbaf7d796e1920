package io.alluvium.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.bench.AlternatingRounds;
import io.alluvium.bench.RoundLength;
import io.alluvium.bench.RoundStatistics;
import io.alluvium.cli.Console;
import io.alluvium.cli.JobFailure;
import io.alluvium.cli.jobs.EngineJobs;
import io.alluvium.cli.jobs.Generation;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.MemorySize;
import io.alluvium.domain.Topic;
import io.alluvium.generator.EventGenerator;
import io.alluvium.generator.GeneratedRecord;
import io.alluvium.generator.GeneratorPlan;
import io.alluvium.runtime.ChildJvm;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.JobMain;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * {@code bench ingest}: the generator sending to Kafka (in the CLI's JVM, as {@code generate} runs it)
 * against Kafka's own producer performance tool on the same broker ({@code ProducerBaselineMain} in the
 * services module's JVM), with the generator's producer settings and the generator's own payloads, so
 * that record size and compressibility match. An unmeasured calibration round of each sizes the rounds to
 * last at least 10 s at the faster one's rate; then they run in alternating rounds, baseline first, and the
 * medians count (docs/benchmarks.md, "How the benches measure").
 */
final class IngestBench implements Bench {
    static final String NAME = "ingest";
    static final String GENERATOR = "alluvium generator → Kafka";
    static final String BASELINE = "kafka ProducerPerformance";
    static final String BASELINE_TOPIC = "bench-producer-baseline";
    static final String TARGET = ">= 0.8";

    /** The producer settings of the generator's KafkaPublisher, handed to the baseline (a test checks they agree). */
    static final Map<String, String> GENERATOR_PRODUCER_SETTINGS = Map.of(
            "acks", "all",
            "enable.idempotence", "true",
            "max.in.flight.requests.per.connection", "5",
            "linger.ms", "10",
            "batch.size", "262144",
            "compression.type", "lz4");

    /** Enough of the run's payloads that their mix of topics and sizes is the run's. */
    private static final int PAYLOAD_SAMPLE = 50_000;
    private static final MemorySize BASELINE_HEAP = MemorySize.parse("512m");
    /** What a sized round aims for, at the calibration round's rate. */
    private static final double SIZED_ROUND_SECONDS = RoundStatistics.MIN_ROUND_SECONDS * RoundLength.HEADROOM;

    /** One round of Kafka's tool: what it sent, and the latencies it measured. */
    record BaselineRound(BenchMeasure.Round sent, double avgLatencyMs, double p99LatencyMs) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.empty();
    }

    @Override
    public BenchReport run(AlluviumConfig config, OptionalLong events, Console console) {
        int partitions = Topic.values().length * config.getInt(AlluviumSettings.KAFKA_PARTITIONS);
        long perRound = events.isPresent() ? events.getAsLong() : calibrated(config, partitions, console);
        AlluviumConfig run = config.with(AlluviumSettings.GENERATOR_EVENTS, Long.toString(perRound));
        Payloads payloads = Payloads.write(run);
        List<BaselineRound> baselineRounds = new ArrayList<>();
        AlternatingRounds<BenchMeasure.Round, RuntimeException> rounds =
                new AlternatingRounds<>(AlternatingRounds.MIN_ROUNDS);
        Map<String, List<BenchMeasure.Round>> sent = rounds
                .contender(BASELINE, round -> {
                    BaselineRound baseline = baselineRun(run, payloads, partitions);
                    baselineRounds.add(baseline);
                    return baseline.sent();
                })
                .contender(GENERATOR, round -> generatorRun(Generation.run(run)))
                .run((round, all, contender) -> console.step("ingest round " + round + "/" + all + ": " + contender
                        + ", " + (contender.equals(BASELINE) ? payloads.records() + " records" : perRound + " events")));
        ObjectNode generatorDetails = records(sent.get(GENERATOR).get(0));
        generatorDetails.put("bytes", sent.get(GENERATOR).get(0).bytes());
        BenchMeasure ours = BenchMeasure.of(GENERATOR, sent.get(GENERATOR), generatorDetails);
        ObjectNode baselineDetails = records(sent.get(BASELINE).get(0));
        baselineDetails.put("avg_latency_ms", RoundStatistics.median(
                baselineRounds.stream().map(BaselineRound::avgLatencyMs).toList()));
        baselineDetails.put("p99_latency_ms", RoundStatistics.median(
                baselineRounds.stream().map(BaselineRound::p99LatencyMs).toList()));
        BenchMeasure theirs = BenchMeasure.of(BASELINE, sent.get(BASELINE), baselineDetails);
        ObjectNode calibration = Console.JSON.createObjectNode();
        calibration.put("kafka_producer_records_per_s", Math.round(theirs.recordsPerSecond()));
        calibration.put("kafka_record_bytes", Math.round(payloads.averageBytes()));
        calibration.put("kafka_partitions", partitions);
        return new BenchReport(NAME, String.format(Locale.ROOT, "%,d events per round, %s", perRound,
                events.isPresent() ? "fixed by --events" : "sized by a calibration round"), List.of(ours, theirs),
                List.of(BenchComparison.of("records/s vs ProducerPerformance", ours.recordsPerSecond(),
                                theirs.recordsPerSecond(), TARGET),
                        BenchComparison.of("MB/s vs ProducerPerformance", ours.mbPerSecond(), theirs.mbPerSecond(),
                                TARGET)),
                List.of(rounds.rounds() + " rounds each, alternating (baseline, generator, baseline, ...); figures and "
                                + "ratios are the medians of the rounds; "
                                + (events.isPresent() ? "each round sends the events of --events"
                                        : "each round sends what unmeasured calibration rounds of each (the "
                                                + "first, cold, on " + START_EVENTS + " events, then on the events "
                                                + "each sized) say lasts " + Math.round(SIZED_ROUND_SECONDS)
                                                + " s at the faster one's rate"),
                        "same broker, same producer settings (" + new TreeMap<>(GENERATOR_PRODUCER_SETTINGS)
                                + "); the baseline sends " + payloads.records() + " records drawn from "
                                + payloads.sampled() + " of the generator's own payloads (average "
                                + Math.round(payloads.averageBytes()) + " B) to topic " + BASELINE_TOPIC + " with "
                                + partitions + " partitions, as many as the generator's " + Topic.values().length
                                + " topics have together",
                        "the generator also builds every event (skew, duplicates, malformed records) and sends a key "
                                + "with each; the baseline sends ready-made payloads without keys"),
                calibration);
    }

    /**
     * Events per round ({@link RoundLength#calibrated}): unmeasured rounds of each, the first, cold, on
     * {@link #START_EVENTS}, then on the events each one sized at the faster one's rate, until a warm round of the
     * faster one lasted 10 s.
     */
    private static long calibrated(AlluviumConfig config, int partitions, Console console) {
        return RoundLength.calibrated(START_EVENTS, events -> {
            AlluviumConfig calibration = config.with(AlluviumSettings.GENERATOR_EVENTS, Long.toString(events));
            Payloads payloads = Payloads.write(calibration);
            console.step("ingest calibration: " + BASELINE + ", " + payloads.records() + " records");
            double baselineSeconds = baselineRun(calibration, payloads, partitions).sent().seconds();
            console.step("ingest calibration: " + GENERATOR + ", " + events + " events");
            double generatorSeconds = generatorRun(Generation.run(calibration)).seconds();
            console.step(String.format(Locale.ROOT, "ingest calibration: %,d events took %.1f s (baseline) and "
                    + "%.1f s (generator)", events, baselineSeconds, generatorSeconds));
            return new RoundLength.Calibration(events, Math.min(baselineSeconds, generatorSeconds));
        });
    }

    /** The records a round sent: every round sends the same run. */
    private static ObjectNode records(BenchMeasure.Round round) {
        ObjectNode details = Console.JSON.createObjectNode();
        details.put("records", round.records());
        return details;
    }

    /** One send of the whole run by Kafka's tool, in the services module's JVM, timed by the tool. */
    private static BaselineRound baselineRun(AlluviumConfig config, Payloads payloads, int partitions) {
        List<String> args = new ArrayList<>(List.of("--topic", BASELINE_TOPIC, "--partitions",
                Integer.toString(partitions), "--num-records", Long.toString(payloads.records()),
                "--payload-file", payloads.file().toString()));
        GENERATOR_PRODUCER_SETTINGS.forEach((k, v) -> args.addAll(List.of("--producer-prop", k + "=" + v)));
        JsonNode result = EngineJobs.run(JobMain.PRODUCER_BASELINE.jvm("producer-baseline", BASELINE_HEAP,
                args), config);
        double seconds = result.path("seconds").asDouble();
        long bytes = Math.round(result.path("mb_per_s").asDouble() * BenchMeasure.MB * seconds);
        return new BaselineRound(new BenchMeasure.Round(result.path("records").asLong(), bytes, seconds),
                result.path("avg_latency_ms").asDouble(), result.path("p99_latency_ms").asDouble());
    }

    /** One generator run, timed by its own report: from its first send to its last acknowledgement. */
    static BenchMeasure.Round generatorRun(JsonNode report) {
        long records = 0;
        long bytes = 0;
        for (JsonNode topic : report.path("topics")) {
            records += topic.path("sent").asLong();
            bytes += topic.path("bytes").asLong();
        }
        Duration took = Duration.between(Instant.parse(report.path("started_at").asText()),
                Instant.parse(report.path("finished_at").asText()));
        return new BenchMeasure.Round(records, bytes, took.toNanos() / 1e9);
    }

    /**
     * The baseline's payload file: the first records of the generator's run, one per line (a payload
     * with a line break in it is left out), so the tool sends the generator's bytes.
     *
     * @param records how many records the generator's run sends, hence the baseline too
     */
    record Payloads(Path file, long records, int sampled, double averageBytes) {
        static Payloads write(AlluviumConfig config) {
            EventGenerator generator = new EventGenerator(GeneratorPlan.from(config));
            Path file = DataDir.of(config).tmp().resolve("bench-payloads.txt");
            int sampled = 0;
            long bytes = 0;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                Iterator<GeneratedRecord> records = generator.all();
                while (records.hasNext() && sampled < PAYLOAD_SAMPLE) {
                    byte[] value = records.next().value();
                    if (!hasLineBreak(value)) {
                        out.write(value);
                        out.write('\n');
                        sampled++;
                        bytes += value.length;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the baseline's payloads to " + file, e);
            }
            if (sampled == 0) {
                throw new JobFailure("the generator produced no payload for the baseline");
            }
            return new Payloads(file, generator.plan().totalRecords(), sampled, (double) bytes / sampled);
        }

        private static boolean hasLineBreak(byte[] value) {
            for (byte b : value) {
                if (b == '\n' || b == '\r') {
                    return true;
                }
            }
            return false;
        }
    }
}
