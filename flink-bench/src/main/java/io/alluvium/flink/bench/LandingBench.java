package io.alluvium.flink.bench;

import io.alluvium.bench.AlternatingRounds;
import io.alluvium.bench.RoundLength;
import io.alluvium.bench.RoundStatistics;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.domain.Topic;
import io.alluvium.flink.landing.BronzeCatalog;
import io.alluvium.flink.landing.LandingTarget;
import io.alluvium.flink.run.KafkaLogEnds;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.KafkaEndpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The landing bench (docs/benchmarks.md): on the same records, the records of the three topics from their first
 * kept offsets to their end offsets at the start, it measures (a) a plain KafkaConsumer draining them,
 * the read ceiling; (b) one plain Java thread landing them with Iceberg's generic Parquet writer, the
 * work without a stream engine; (c) the Flink landing job. Rounds alternate (a b c, a b c, ...), each
 * writer into scratch tables dropped before every round, so that no round finds another's data and
 * Bronze is never touched; the medians of each contender's rounds count.
 *
 * <p>Unless the records are fixed ({@code --events}, a test run), each round lasts at least 10 s per
 * contender: unmeasured calibration rounds size the records at the faster writer's reading rate, and the
 * generator adds what the topics lack ({@link TopicTopUp}); the read ceiling, many times faster
 * than either, reads the records again until its round has lasted 10 s.
 */
final class LandingBench {
    static final String FLINK_NAMESPACE = "bench_landing_flink";
    static final String PLAIN_NAMESPACE = "bench_landing_plain";
    private static final String CONSUMER_GROUP = "alluvium-landing-bench";
    private static final Logger LOG = LoggerFactory.getLogger(LandingBench.class);

    private final AlluviumConfig config;
    private final int rounds;
    private final ChildProtocol out;
    private final String bootstrap;
    private final Duration commitInterval;
    private final Path stateRoot;
    /** The bytes of the records measured, keys and values, as the read ceiling counted them. */
    private long rangeBytes;

    LandingBench(AlluviumConfig config, int rounds, ChildProtocol out) {
        this.config = config;
        this.rounds = rounds;
        this.out = out;
        this.bootstrap = KafkaEndpoints.bootstrapServers(config);
        this.commitInterval = config.getDuration(AlluviumSettings.LANDING_CHECKPOINT_INTERVAL);
        this.stateRoot = DataDir.of(config).checkpoints().resolve("bench-landing");
    }

    /**
     * @param fixedRecords records the topics must hold at least (what the bench command generated with
     *                     {@code --events}), measured as they are; empty to size the rounds
     * @return the result line's JSON
     */
    String run(OptionalLong fixedRecords) throws Exception {
        LogRange range = currentRange();
        long required = Math.max(1, fixedRecords.orElse(1));
        if (range.offsets() < required) {
            throw new ChildProtocol.BadInputException("the topics " + List.of(Topic.values()) + " hold "
                    + range.offsets() + " records, the bench needs " + required
                    + ": generate events first (alluvium generate)");
        }
        double ceilingSeconds = fixedRecords.isPresent() ? 0 : RoundStatistics.MIN_ROUND_SECONDS;
        try (BronzeCatalog flinkTables = BronzeCatalog.open(config, FLINK_NAMESPACE);
             BronzeCatalog plainTables = BronzeCatalog.open(config, PLAIN_NAMESPACE)) {
            try {
                LogRange measured = fixedRecords.isPresent() ? range : sized(range, flinkTables, plainTables);
                Map<String, List<ContenderRun>> runs = new AlternatingRounds<ContenderRun, Exception>(rounds)
                        .contender(LandingBenchReport.CEILING, round -> readCeiling(measured, ceilingSeconds,
                                stage(round, LandingBenchReport.CEILING)))
                        .contender(LandingBenchReport.PLAIN, round -> plainWriter(measured, plainTables,
                                stage(round, LandingBenchReport.PLAIN)))
                        .contender(LandingBenchReport.FLINK, round -> flinkJob(measured, flinkTables,
                                stage(round, LandingBenchReport.FLINK), "round-" + round))
                        .run((round, all, contender) -> LOG.info("Landing bench round {}/{}: {}", round, all,
                                contender));
                return new LandingBenchReport(measured.offsets(), rangeBytes, commitInterval,
                        config.getInt(AlluviumSettings.LANDING_PARALLELISM), fixedRecords.isPresent())
                        .toJson(runs.get(LandingBenchReport.FLINK), runs.get(LandingBenchReport.CEILING),
                                runs.get(LandingBenchReport.PLAIN));
            } finally {
                flinkTables.dropScratchTables();
                plainTables.dropScratchTables();
                deleteJobState();
            }
        }
    }

    private String stage(int round, String contender) {
        return "round " + round + "/" + rounds + ": " + contender;
    }

    private LogRange currentRange() {
        try (KafkaLogEnds log = new KafkaLogEnds(bootstrap)) {
            return LogRange.current(log);
        }
    }

    /**
     * The records for rounds of at least 10 s ({@link RoundLength#calibrated}): a first, cold, unmeasured round of
     * each writer on {@code range} gives their reading rates (without the wait for the last commit, which a bigger
     * range does not lengthen); then the faster one runs on the ranges each round sized, the generator adding the
     * records the topics lack, until one of its warm rounds read for 10 s.
     */
    private LogRange sized(LogRange range, BronzeCatalog flinkTables, BronzeCatalog plainTables) throws Exception {
        boolean[] flinkFaster = {true};
        int[] round = {0};
        long records = RoundLength.calibrated(range.offsets(), wanted -> {
            LogRange now = currentRange();
            if (wanted > now.offsets()) {
                TopicTopUp.add(config, wanted - now.offsets(), out, "calibration: adding "
                        + (wanted - now.offsets()) + " events for rounds of 10 s");
                now = currentRange();
            }
            round[0]++;
            String stage = "calibration " + round[0] + ": ";
            double seconds;
            if (round[0] == 1) {
                double plain = plainWriter(now, plainTables, stage + LandingBenchReport.PLAIN).readingSeconds();
                double flink = flinkJob(now, flinkTables, stage + LandingBenchReport.FLINK, "calibration")
                        .readingSeconds();
                flinkFaster[0] = flink <= plain;
                seconds = Math.min(plain, flink);
            } else {
                seconds = flinkFaster[0]
                        ? flinkJob(now, flinkTables, stage + LandingBenchReport.FLINK, "calibration").readingSeconds()
                        : plainWriter(now, plainTables, stage + LandingBenchReport.PLAIN).readingSeconds();
            }
            LOG.info("Landing bench calibration {}: {} records read in {} s by the faster writer ({})", round[0],
                    now.offsets(), seconds, flinkFaster[0] ? "flink job" : "plain writer");
            return new RoundLength.Calibration(now.offsets(), seconds);
        });
        LogRange sized = currentRange();
        if (records > sized.offsets()) {
            TopicTopUp.add(config, records - sized.offsets(), out, "calibration: adding "
                    + (records - sized.offsets()) + " events for rounds of 10 s");
            sized = currentRange();
        }
        return sized;
    }

    /** Reads the range again until the round has lasted {@code minSeconds}; counts the bytes of one read. */
    private ContenderRun readCeiling(LogRange range, double minSeconds, String stage) throws Exception {
        List<ReadCeiling.Result> passes = RoundLength.repeated(minSeconds, pass -> pass.figures().seconds(),
                () -> ReadCeiling.run(bootstrap, range, out, stage));
        rangeBytes = passes.get(0).bytes();
        return ContenderRun.ofPasses(passes.stream().map(ReadCeiling.Result::figures).toList());
    }

    /** Lands the range into emptied scratch tables. */
    private ContenderRun plainWriter(LogRange range, BronzeCatalog tables, String stage) throws Exception {
        tables.dropScratchTables();
        long started = System.nanoTime();
        new PlainIcebergLanding(tables.createMissingTables(), commitInterval).run(bootstrap, range, out, stage);
        double wholeSeconds = (System.nanoTime() - started) / 1e9;
        return ContenderRun.landed(CommittedLanding.of(tables.createMissingTables().values()), wholeSeconds,
                List.of());
    }

    /** Runs the landing job into emptied scratch tables, with fresh state. */
    private ContenderRun flinkJob(LogRange range, BronzeCatalog tables, String stage, String stateName)
            throws Exception {
        tables.dropScratchTables();
        deleteJobState();
        out.progress(stage, 0, range.offsets());
        LandingTarget target = new LandingTarget(FLINK_NAMESPACE, stateRoot.resolve(stateName), CONSUMER_GROUP);
        return BenchedLandingJob.run(config, target, tables, out);
    }

    private void deleteJobState() throws IOException {
        if (Files.exists(stateRoot)) {
            try (Stream<Path> files = Files.walk(stateRoot)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
