package io.alluvium.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code bench ingest}: the generator sending to Kafka (in the CLI's JVM, as {@code generate} runs it)
 * against Kafka's own producer performance tool on the same broker ({@code ProducerBaselineMain} in the
 * services module's JVM), with the generator's producer settings and the generator's own payloads, so
 * that record size and compressibility match. They run alternately, baseline first, twice each; the best
 * run of each counts, since other work on a shared machine only ever makes a run slower.
 */
final class IngestBench implements Bench {
    static final String NAME = "ingest";
    static final String GENERATOR = "alluvium generator → Kafka";
    static final String BASELINE = "kafka ProducerPerformance";
    static final String BASELINE_TOPIC = "bench-producer-baseline";
    static final int ROUNDS = 2;
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

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Optional<String> unavailable() {
        return Optional.empty();
    }

    @Override
    public BenchReport run(AlluviumConfig config, long events, Console console) {
        AlluviumConfig run = config.with(AlluviumSettings.GENERATOR_EVENTS, Long.toString(events));
        int partitions = Topic.values().length * run.getInt(AlluviumSettings.KAFKA_PARTITIONS);
        Payloads payloads = Payloads.write(run);
        List<BenchMeasure> baseline = new ArrayList<>();
        List<BenchMeasure> generator = new ArrayList<>();
        for (int round = 1; round <= ROUNDS; round++) {
            console.step("ingest round " + round + "/" + ROUNDS + ": " + BASELINE + ", " + payloads.records() + " records");
            baseline.add(baselineRun(run, payloads, partitions));
            console.step("ingest round " + round + "/" + ROUNDS + ": alluvium generator, " + events + " events");
            generator.add(generatorRun(Generation.run(run)));
        }
        BenchMeasure ours = best(generator);
        BenchMeasure theirs = best(baseline);
        ObjectNode calibration = Console.JSON.createObjectNode();
        calibration.put("kafka_producer_records_per_s", Math.round(theirs.recordsPerSecond()));
        calibration.put("kafka_record_bytes", Math.round(payloads.averageBytes()));
        calibration.put("kafka_partitions", partitions);
        return new BenchReport(NAME, events, List.of(ours, theirs), List.of(
                BenchComparison.of("records/s vs ProducerPerformance", ours.recordsPerSecond(),
                        theirs.recordsPerSecond(), TARGET),
                BenchComparison.of("MB/s vs ProducerPerformance", ours.mbPerSecond(), theirs.mbPerSecond(), TARGET)),
                List.of("best of " + ROUNDS + " runs each, run alternately (baseline, generator, baseline, generator) "
                                + "to damp the noise of a shared machine",
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

    /** One send of the whole run by Kafka's tool, in the services module's JVM. */
    private static BenchMeasure baselineRun(AlluviumConfig config, Payloads payloads, int partitions) {
        List<String> args = new ArrayList<>(List.of("--topic", BASELINE_TOPIC, "--partitions",
                Integer.toString(partitions), "--num-records", Long.toString(payloads.records()),
                "--payload-file", payloads.file().toString()));
        GENERATOR_PRODUCER_SETTINGS.forEach((k, v) -> args.addAll(List.of("--producer-prop", k + "=" + v)));
        JsonNode result = EngineJobs.run(JobMain.PRODUCER_BASELINE.jvm("producer-baseline", BASELINE_HEAP,
                args), config);
        ObjectNode details = Console.JSON.createObjectNode();
        details.put("records", result.path("records").asLong());
        details.put("avg_latency_ms", result.path("avg_latency_ms").asDouble());
        details.put("p99_latency_ms", result.path("p99_latency_ms").asLong());
        return new BenchMeasure(BASELINE, result.path("records_per_s").asDouble(), result.path("mb_per_s").asDouble(),
                result.path("seconds").asDouble(), details);
    }

    /** One generator run, timed by its own report: from its first send to its last acknowledgement. */
    static BenchMeasure generatorRun(JsonNode report) {
        long records = 0;
        long bytes = 0;
        for (JsonNode topic : report.path("topics")) {
            records += topic.path("sent").asLong();
            bytes += topic.path("bytes").asLong();
        }
        Duration took = Duration.between(Instant.parse(report.path("started_at").asText()),
                Instant.parse(report.path("finished_at").asText()));
        ObjectNode details = Console.JSON.createObjectNode();
        details.put("records", records);
        details.put("bytes", bytes);
        return BenchMeasure.of(GENERATOR, records, bytes, took.toNanos() / 1e9, details);
    }

    /** The fastest run, with every run's records/s beside it. */
    static BenchMeasure best(List<BenchMeasure> runs) {
        BenchMeasure best = runs.stream()
                .max(Comparator.comparingDouble(BenchMeasure::recordsPerSecond)).orElseThrow();
        ObjectNode details = best.details().deepCopy();
        var all = details.putArray("runs_records_per_s");
        runs.forEach(r -> all.add(Math.round(r.recordsPerSecond())));
        return new BenchMeasure(best.name(), best.recordsPerSecond(), best.mbPerSecond(), best.seconds(), details);
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
