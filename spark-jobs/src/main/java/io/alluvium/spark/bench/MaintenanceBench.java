package io.alluvium.spark.bench;

import io.alluvium.bench.AlternatingRounds;
import io.alluvium.bench.RoundLength;
import io.alluvium.bench.RoundStatistics;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.spark.ProgressListener;
import io.alluvium.spark.maintenance.TableMaintenance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.iceberg.FileScanTask;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code alluvium bench maintenance}: what compaction buys and what it costs (docs/benchmarks.md). A copy of a Bronze
 * table is written as many small files, as a landing job that commits every few seconds leaves it (10,000 files, or
 * one per {@link #ROWS_PER_FILE} rows of a smaller Bronze). Then, in alternating rounds:
 * <ul>
 *   <li>compaction as {@code alluvium maintain} runs it ({@link TableMaintenance#compact}, from the small-file
 *       snapshot each time) against the copy it cannot beat by much, a plain Spark read of the same rows and
 *       {@code INSERT OVERWRITE} into a scratch table: MB/s of small files read (target: at least
 *       {@value #COMPACTION_TARGET} times the copy's);</li>
 *   <li>the same two queries, a full-scan aggregate and a selective filter, on the small-file snapshot and on the
 *       compacted one (target: the full scan at least {@value #SCAN_TARGET} times faster compacted). Iceberg's scan
 *       planning of each snapshot is timed apart, as it runs on the driver.</li>
 * </ul>
 * Both snapshots must hold the same rows (count and checksum); that is a comparison of its own.
 */
public final class MaintenanceBench {
    public static final String NAMESPACE = "bench_maintenance";
    public static final String SMALL_FILES = NAMESPACE + ".small_files";
    public static final String COPY = NAMESPACE + ".plain_copy";
    static final int FILES = 10_000;
    static final int ROWS_PER_FILE = 10;
    static final double SCAN_TARGET = 5;
    static final double COMPACTION_TARGET = 0.5;
    public static final String COMPACTION = "compaction (maintain)";
    public static final String PLAIN_COPY = "plain read + INSERT OVERWRITE";
    static final String FULL_SCAN = "SELECT kafka_partition, count(*), sum(length(payload)), max(kafka_offset) FROM %s"
            + " GROUP BY kafka_partition";
    static final String SELECTIVE = "SELECT count(*), sum(length(payload)) FROM %s"
            + " WHERE kafka_partition = 0 AND kafka_offset BETWEEN 1000 AND 1099";
    private static final String CHECKSUM = "SELECT count(*), sum(CAST(xxhash64(kafka_partition, kafka_offset, payload)"
            + " AS decimal(38, 0))) FROM %s";

    /** The result line, in the shape the CLI's bench report reads. */
    public record Result(String bench, String workload, List<Measure> measures, List<Comparison> comparisons,
                         List<String> notes) {
    }

    /** A contender's medians: seconds per pass, rows and MB read per second, passes per round, its rounds. */
    public record Measure(String name, double seconds, double recordsPerS, double mbPerS, List<Integer> passesPerRound,
                   Map<String, Object> rounds) {
    }

    public record Comparison(String metric, double ratio, String target, boolean met) {
    }

    /** One timed pass of a contender. */
    private record Pass(double seconds) {
    }

    /** What the small-file table holds: its snapshot, rows and bytes of data files. */
    private record Snapshot(long id, long files, long rows, long bytes) {
    }

    private static final Logger LOG = LogManager.getLogger(MaintenanceBench.class);

    private final SparkSession spark;
    private final TableMaintenance maintenance;

    public MaintenanceBench(SparkSession spark, TableMaintenance maintenance) {
        this.spark = spark;
        this.maintenance = maintenance;
    }

    /**
     * @param source    the table copied into small files ({@code bronze.clickstream} for the CLI's bench)
     * @param fixedWork one pass per round (a test run) rather than passes until the round has lasted 10 s
     */
    public Result run(String source, int rounds, boolean fixedWork, ProgressListener progress) {
        double minSeconds = fixedWork ? 0 : RoundStatistics.MIN_ROUND_SECONDS;
        drop();
        try {
            progress.stage("writing " + source + " as small files", 0, 3);
            Snapshot small = writeSmallFiles(source);
            Table table = load(SMALL_FILES);
            spark.sql("CREATE TABLE " + COPY + " USING iceberg AS SELECT * FROM " + SMALL_FILES + " WHERE false");

            Map<String, List<List<Pass>>> compaction = new AlternatingRounds<List<Pass>, RuntimeException>(rounds)
                    .contender(PLAIN_COPY, round -> RoundLength.repeated(minSeconds, Pass::seconds, () -> timed(() ->
                            spark.sql("INSERT OVERWRITE " + COPY + " SELECT * FROM " + at(small.id())))))
                    .contender(COMPACTION, round -> RoundLength.repeated(minSeconds, Pass::seconds,
                            () -> compact(table, small)))
                    .run((round, all, contender) -> progress.stage(contender + " (round " + round + " of " + all
                            + ")", 1, 3));
            table.refresh();
            Snapshot compacted = snapshot(table, table.currentSnapshot().snapshotId());
            boolean sameRows = spark.sql(String.format(CHECKSUM, at(small.id()))).first()
                    .equals(spark.sql(String.format(CHECKSUM, at(compacted.id()))).first());

            Map<String, List<List<Pass>>> queries = new AlternatingRounds<List<Pass>, RuntimeException>(rounds)
                    .contender(fullScan(small), round -> query(FULL_SCAN, small, minSeconds))
                    .contender(fullScan(compacted), round -> query(FULL_SCAN, compacted, minSeconds))
                    .contender(selective(small), round -> query(SELECTIVE, small, minSeconds))
                    .contender(selective(compacted), round -> query(SELECTIVE, compacted, minSeconds))
                    .run((round, all, contender) -> progress.stage(contender + " (round " + round + " of " + all
                            + ")", 2, 3));
            progress.stage("bench maintenance", 3, 3);
            return result(small, compacted, compaction, queries, sameRows, rounds, fixedWork, table);
        } finally {
            drop();
        }
    }

    private Result result(Snapshot small, Snapshot compacted, Map<String, List<List<Pass>>> compaction,
                          Map<String, List<List<Pass>>> queries, boolean sameRows, int rounds, boolean fixedWork,
                          Table table) {
        Measure plainCopy = measure(PLAIN_COPY, compaction.get(PLAIN_COPY), small);
        Measure compact = measure(COMPACTION, compaction.get(COMPACTION), small);
        Measure fullSmall = measure(fullScan(small), queries.get(fullScan(small)), small);
        Measure fullCompacted = measure(fullScan(compacted), queries.get(fullScan(compacted)), compacted);
        Measure selectiveSmall = measure(selective(small), queries.get(selective(small)), small);
        Measure selectiveCompacted = measure(selective(compacted), queries.get(selective(compacted)), compacted);
        double scanRatio = fullSmall.seconds() / fullCompacted.seconds();
        double selectiveRatio = selectiveSmall.seconds() / selectiveCompacted.seconds();
        double compactionRatio = compact.mbPerS() / plainCopy.mbPerS();
        return new Result("maintenance", String.format(Locale.ROOT, "%,d rows in %,d small files (%s), compacted to"
                        + " %,d; %s", small.rows(), small.files(), megabytes(small.bytes()), compacted.files(),
                        fixedWork ? "one pass per round (--events)" : "passes until a round lasts 10 s"),
                List.of(compact, plainCopy, fullCompacted, fullSmall, selectiveCompacted, selectiveSmall),
                List.of(new Comparison("full scan: small files time / compacted time", round(scanRatio),
                                ">= " + SCAN_TARGET, scanRatio >= SCAN_TARGET),
                        new Comparison("selective filter: small files time / compacted time", round(selectiveRatio),
                                ">= 1", selectiveRatio >= 1),
                        new Comparison("compaction MB/s vs plain read + INSERT OVERWRITE", round(compactionRatio),
                                ">= " + COMPACTION_TARGET, compactionRatio >= COMPACTION_TARGET),
                        new Comparison("same rows after compaction (count and checksum)", sameRows ? 1.0 : 0.0,
                                ">= 1", sameRows)),
                List.of(String.format(Locale.ROOT, "Iceberg scan planning on the driver (median of %d): %,d small files"
                                        + " %.3f s, compacted %.3f s; included in the query times", rounds,
                                small.files(), planningSeconds(table, small, rounds),
                                planningSeconds(table, compacted, rounds)),
                        rounds + " rounds, alternating (the plain copy before compaction; each query on the small files "
                                + "before the compacted table); compaction starts from the small-file snapshot every "
                                + "pass; MB/s are of the small files read"));
    }

    /** The source copied into {@link #FILES} files (fewer for a small source: at least {@link #ROWS_PER_FILE} rows each). */
    private Snapshot writeSmallFiles(String source) {
        long rows = spark.table(source).count();
        int files = (int) Math.min(FILES, rows / ROWS_PER_FILE);
        if (files < 2) {
            throw new BadInputException(source + " holds " + rows + " rows: too few to write as small files (at least "
                    + 2 * ROWS_PER_FILE + "); land more events first");
        }
        spark.sql("CREATE NAMESPACE IF NOT EXISTS " + NAMESPACE);
        spark.sql("CREATE TABLE " + SMALL_FILES + " USING iceberg TBLPROPERTIES ('write.distribution-mode'='none')"
                + " AS SELECT /*+ REPARTITION(" + files + ") */ * FROM " + source);
        Table table = load(SMALL_FILES);
        return snapshot(table, table.currentSnapshot().snapshotId());
    }

    /** One compaction from the small-file snapshot: made current again first, so every pass does the same work. */
    private Pass compact(Table table, Snapshot small) {
        table.manageSnapshots().setCurrentSnapshot(small.id()).commit();
        table.refresh();
        Pass pass = timed(() -> maintenance.compact(table));
        table.refresh();
        Snapshot after = snapshot(table, table.currentSnapshot().snapshotId());
        if (after.rows() != small.rows() || after.files() >= small.files()) {
            throw new IllegalStateException("compaction of " + SMALL_FILES + " left " + after.files() + " files of "
                    + after.rows() + " rows (from " + small.files() + " files of " + small.rows() + " rows)");
        }
        return pass;
    }

    private List<Pass> query(String sql, Snapshot at, double minSeconds) {
        return RoundLength.repeated(minSeconds, Pass::seconds,
                () -> timed(() -> spark.sql(String.format(sql, at(at.id()))).collectAsList()));
    }

    private static Pass timed(Runnable work) {
        long started = System.nanoTime();
        work.run();
        return new Pass((System.nanoTime() - started) / 1e9);
    }

    /** The median time Iceberg takes to plan a scan of the snapshot: reading its manifests, listing its files. */
    private static double planningSeconds(Table table, Snapshot at, int rounds) {
        List<Double> seconds = new java.util.ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long started = System.nanoTime();
            try (CloseableIterable<FileScanTask> files = table.newScan().useSnapshot(at.id()).planFiles()) {
                files.forEach(f -> { });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            seconds.add((System.nanoTime() - started) / 1e9);
        }
        return RoundStatistics.median(seconds);
    }

    private static Snapshot snapshot(Table table, long id) {
        long files = 0;
        long rows = 0;
        long bytes = 0;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().useSnapshot(id).planFiles()) {
            for (FileScanTask t : tasks) {
                files++;
                rows += t.file().recordCount();
                bytes += t.file().fileSizeInBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Snapshot(id, files, rows, bytes);
    }

    private static Measure measure(String name, List<List<Pass>> rounds, Snapshot read) {
        LOG.info("bench maintenance, {}: seconds of each pass, by round: {}", name, rounds);
        List<Double> roundSeconds = rounds.stream().map(r -> r.stream().mapToDouble(Pass::seconds).sum()).toList();
        List<Double> rowsPerS = rounds.stream()
                .map(r -> read.rows() * r.size() / r.stream().mapToDouble(Pass::seconds).sum()).toList();
        RoundStatistics stats = new RoundStatistics(rowsPerS, roundSeconds);
        double secondsPerPass = RoundStatistics.median(rounds.stream()
                .map(r -> r.stream().mapToDouble(Pass::seconds).sum() / r.size()).toList());
        return new Measure(name, Math.round(secondsPerPass * 1000) / 1000.0, Math.round(stats.median() * 10) / 10.0,
                Math.round(read.bytes() / 1e6 / secondsPerPass * 100) / 100.0,
                rounds.stream().map(List::size).toList(), stats.fields("records_per_s"));
    }

    private static String fullScan(Snapshot s) {
        return "full scan, " + files(s);
    }

    private static String selective(Snapshot s) {
        return "selective filter, " + files(s);
    }

    private static String files(Snapshot s) {
        return String.format(Locale.ROOT, "%,d file%s", s.files(), s.files() == 1 ? "" : "s");
    }

    private static String at(long snapshot) {
        return SMALL_FILES + " VERSION AS OF " + snapshot;
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static double round(double ratio) {
        return Math.round(ratio * 1000) / 1000.0;
    }

    private Table load(String name) {
        try {
            return Spark3Util.loadIcebergTable(spark, name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot load " + name + ": " + e.getMessage(), e);
        }
    }

    private void drop() {
        spark.sql("DROP TABLE IF EXISTS " + SMALL_FILES + " PURGE");
        spark.sql("DROP TABLE IF EXISTS " + COPY + " PURGE");
    }
}
