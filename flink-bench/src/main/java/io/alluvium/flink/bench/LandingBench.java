package io.alluvium.flink.bench;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The landing bench (docs/benchmarks.md): on the same records, the records of the three topics from their first
 * kept offsets to their end offsets at the start, it measures (a) a plain KafkaConsumer draining them,
 * the read ceiling; (b) one plain Java thread landing them with Iceberg's generic Parquet writer, the
 * work without a stream engine; (c) the Flink landing job. Rounds run alternately (a b c, a b c, ...),
 * each writer into scratch tables dropped before every round, so that no round finds another's data and
 * Bronze is never touched; the best round of each contender counts.
 */
final class LandingBench {
    static final String FLINK_NAMESPACE = "bench_landing_flink";
    static final String PLAIN_NAMESPACE = "bench_landing_plain";
    private static final String CONSUMER_GROUP = "alluvium-landing-bench";

    private final AlluviumConfig config;
    private final int rounds;
    private final ChildProtocol out;

    LandingBench(AlluviumConfig config, int rounds, ChildProtocol out) {
        this.config = config;
        this.rounds = rounds;
        this.out = out;
    }

    /**
     * @param minRecords records the topics must hold at least (what the bench command generated)
     * @return the result line's JSON
     */
    String run(long minRecords) throws Exception {
        String bootstrap = KafkaEndpoints.bootstrapServers(config);
        LogRange range;
        try (KafkaLogEnds log = new KafkaLogEnds(bootstrap)) {
            range = LogRange.current(log);
        }
        if (range.offsets() == 0 || range.offsets() < minRecords) {
            throw new ChildProtocol.BadInputException("the topics " + List.of(Topic.values()) + " hold "
                    + range.offsets() + " records, the bench needs " + Math.max(1, minRecords)
                    + ": generate events first (alluvium generate)");
        }
        Duration commitInterval = config.getDuration(AlluviumSettings.LANDING_CHECKPOINT_INTERVAL);
        Path stateRoot = DataDir.of(config).checkpoints().resolve("bench-landing");
        List<ContenderRun> ceiling = new ArrayList<>();
        List<ContenderRun> plain = new ArrayList<>();
        List<ContenderRun> flink = new ArrayList<>();
        long bytes = 0;
        try (BronzeCatalog flinkTables = BronzeCatalog.open(config, FLINK_NAMESPACE);
             BronzeCatalog plainTables = BronzeCatalog.open(config, PLAIN_NAMESPACE)) {
            try {
                for (int round = 1; round <= rounds; round++) {
                    String stage = "round " + round + "/" + rounds + ": ";
                    dropScratch(flinkTables, plainTables, stateRoot);

                    ReadCeiling.Result read = ReadCeiling.run(bootstrap, range, out, stage + "read ceiling");
                    ceiling.add(read.figures());
                    bytes = read.bytes();

                    long started = System.nanoTime();
                    new PlainIcebergLanding(plainTables.createMissingTables(), commitInterval)
                            .run(bootstrap, range, out, stage + "plain-Java Iceberg writer");
                    double wholeSeconds = (System.nanoTime() - started) / 1e9;
                    plain.add(ContenderRun.landed(CommittedLanding.of(plainTables.createMissingTables().values()),
                            wholeSeconds, List.of()));

                    out.progress(stage + "flink landing job", 0, range.offsets());
                    LandingTarget target = new LandingTarget(FLINK_NAMESPACE, stateRoot.resolve("round-" + round),
                            CONSUMER_GROUP);
                    flink.add(BenchedLandingJob.run(config, target, flinkTables, out));
                }
            } finally {
                dropScratch(flinkTables, plainTables, stateRoot);
            }
        }
        return new LandingBenchReport(ceiling.get(0).rows(), bytes, commitInterval,
                config.getInt(AlluviumSettings.LANDING_PARALLELISM))
                .toJson(flink, ceiling, plain);
    }

    private static void dropScratch(BronzeCatalog flinkTables, BronzeCatalog plainTables, Path stateRoot)
            throws IOException {
        flinkTables.dropScratchTables();
        plainTables.dropScratchTables();
        if (Files.exists(stateRoot)) {
            try (Stream<Path> files = Files.walk(stateRoot)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
