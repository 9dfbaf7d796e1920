package io.alluvium.it;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.ChildJvm;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.JobMain;
import io.alluvium.runtime.RunningJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch build killed with SIGKILL in the middle of its work, then rerun, leaves Silver and Gold
 * exactly as a full rebuild would: the Bronze watermark commits atomically with the data it covers.
 * And {@code maintain} killed with SIGKILL in the middle of a compaction leaves the table readable and unchanged;
 * a rerun compacts it, keeping the killed run's files (younger than {@code maintenance.orphan-min-age}), which
 * orphan removal deletes once they are older (docs/maintenance.md, "What runs where").
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the batch build is killed before anything built Silver
class BatchCrashTest {
    private static final String GOLD_QUERY = "SELECT city, hour_start, orders_paid, paid_amount "
            + "FROM gold.city_hourly_sales ORDER BY city, hour_start";
    /** The table the maintain crash test makes of many small files. */
    private static final String SMALL = "silver.crash_small";
    /** The killed maintain run's target file size: the setting's minimum, so that compaction writes several files. */
    private static final String SMALL_TARGET_FILE_SIZE = "1m";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // kept on failure: the jobs' logs say why
    static Path dataDir;

    private CliRun cli;

    @BeforeAll
    void up() {
        cli = new CliRun(dataDir);
        assertThat(cli.run("up").exitCode()).isZero();
        assertThat(cli.run("generate", "--events", "4000").exitCode()).isZero();
        assertThat(cli.run("stream", "start", "landing", "--until-caught-up").exitCode()).isZero();
    }

    @AfterAll
    void down() {
        if (cli != null) {
            cli.run("down");
        }
    }

    @Test
    @Order(1)
    void killedBatchRerunLeavesSilverAndGoldExact() {
        ChildJvm batch = JobMain.BATCH.jvm("batch-crashed", cli.config().getMemory(AlluviumSettings.SPARK_HEAP),
                List.of("all"));
        RunningJob job = RunningJob.start(batch, cli.config());
        AtomicInteger progress = new AtomicInteger();
        RunningJob.Outcome crashed = job.await(msg -> {
            if (msg.kind() == ChildProtocol.Kind.PROGRESS && progress.incrementAndGet() == 2) {
                job.kill();
            }
        });
        assertThat(crashed.exitCode()).as("the job was killed mid-run by SIGKILL").isEqualTo(137);

        CliRun.Result rerun = cli.run("batch", "all");
        assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
        CliRun.Result reconcile = cli.run("reconcile", "--json");
        assertThat(reconcile.exitCode()).as(reconcile.toString()).isZero();
        reconcile.json().path("checks").forEach(c -> assertThat(c.path("ok").asBoolean()).as(c.toString()).isTrue());

        JsonNode goldAfterCrash = gold();
        assertThat(goldAfterCrash.path("rows")).isNotEmpty();
        CliRun.Result rebuild = cli.run("batch", "gold", "--backfill", "2026-10-01..2026-12-31");
        assertThat(rebuild.exitCode()).as(rebuild.toString()).isZero();
        assertThat(gold()).isEqualTo(goldAfterCrash);
    }

    private JsonNode gold() {
        CliRun.Result sql = cli.run("sql", GOLD_QUERY, "--json");
        assertThat(sql.exitCode()).as(sql.toString()).isZero();
        return sql.json();
    }

    /**
     * {@code maintain} killed with SIGKILL while compaction writes: the table stays readable and unchanged (same
     * snapshot, rows and checksum), the files the killed run wrote are left as orphans; a rerun compacts the table
     * and keeps them (they are younger than {@code maintenance.orphan-min-age}, the rule that keeps a commit in
     * flight safe); once they are older, the next run deletes them and nothing else.
     */
    @Test
    @Order(2)
    void maintainKilledMidCompactionLeavesTheTableUnchangedAndItsDebrisIsRemovedOnceOld() throws Exception {
        // Silver, unless the test above has built it already (then nothing new to build)
        ok(cli.run("batch", "all"));
        // many small files in one commit: every clickstream row 50 times (told apart by copy), in 400 files
        ok(cli.run("sql", "--write", "CREATE TABLE " + SMALL + " USING iceberg AS SELECT /*+ REPARTITION(400) */"
                + " c.*, copy FROM silver.clickstream c CROSS JOIN (SELECT id AS copy FROM range(50))"));
        TableState before = state();
        assertThat(before.dataFiles()).isEqualTo(400);
        assertThat(before.location()).startsWith(dataDir.resolve("warehouse"));
        Map<Path, Long> orphansBefore = orphans(before);
        assertThat(orphansBefore).as("no orphan before maintenance").isEmpty();
        Path data = before.location().resolve("data");
        Set<Path> filesBefore = visibleFiles(data).keySet();

        // With a 1 MB target (the setting's minimum), compacting this table of a few MB writes several files in its
        // one file group, committed together once the last is written (partial progress commits whole groups, and
        // this unpartitioned table is one). The first file to reach the disk is the signal to kill: the others are
        // still being written, so nothing is committed yet.
        RunningJob job = RunningJob.start(JobMain.BATCH.jvm("maintain-crashed",
                cli.config().getMemory(AlluviumSettings.SPARK_HEAP), List.of("maintain", SMALL)),
                cli.config().with(AlluviumSettings.MAINTENANCE_TARGET_FILE_SIZE, SMALL_TARGET_FILE_SIZE));
        CompletableFuture<Optional<Path>> killedAt = CompletableFuture.supplyAsync(
                () -> killOnFirstFileWritten(job, data, filesBefore));
        RunningJob.Outcome crashed = job.await(message -> { });
        Optional<Path> written = killedAt.get(1, TimeUnit.MINUTES);
        assertThat(written).as("killed once compaction had written a file; the job ended first: %s",
                crashed.failureMessage()).isPresent();
        assertThat(crashed.exitCode()).as("the job was killed mid-compaction by SIGKILL").isEqualTo(137);

        TableState killed = state();
        assertThat(killed.snapshotId()).as("no commit got in").isEqualTo(before.snapshotId());
        assertThat(killed.dataFiles()).isEqualTo(before.dataFiles());
        assertSameRows(killed, before);
        Map<Path, Long> debris = orphans(killed);
        assertThat(debris).as("what the killed run wrote is in no snapshot").containsKey(written.get());
        assertThat(debris.keySet()).as("only data files: the run died before any commit").allSatisfy(
                file -> assertThat(file.getParent()).isEqualTo(data));
        long debrisBytes = bytes(debris);
        assertThat(debrisBytes).isPositive();

        // the rerun, as a user runs it (default settings)
        CliRun.Result rerun = cli.run("maintain", SMALL, "--json");
        ok(rerun);
        JsonNode rerunTable = rerun.json().path("tables").get(0);
        assertThat(rerunTable.at("/done/rewritten_files").asLong()).as(rerun.out()).isEqualTo(400);
        assertThat(rerunTable.at("/done/orphans_removed").asLong()).isZero();
        assertThat(rerunTable.at("/after/orphan_files").asLong()).as("it counts only orphans older than the age")
                .isZero();
        TableState rerunState = state();
        assertThat(rerunState.snapshotId()).isNotEqualTo(before.snapshotId());
        assertThat(rerunState.dataFiles()).as("the table's few MB are below the default target: one file")
                .isEqualTo(rerunTable.at("/after/data_files").asLong()).isOne();
        assertSameRows(rerunState, before);
        assertThat(orphans(rerunState)).as("debris younger than maintenance.orphan-min-age is kept")
                .isEqualTo(debris);
        long rerunOrphanBytes = bytes(orphans(rerunState));

        // Later: time passes. Every file of the table is set 4 days back, past maintenance.orphan-min-age (72 h),
        // as if the table had been left alone that long; only what no snapshot references may go.
        FileTime fourDaysAgo = FileTime.from(Instant.now().minus(Duration.ofDays(4)));
        try (Stream<Path> files = Files.walk(before.location())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(file, fourDaysAgo);
            }
        }
        CliRun.Result later = cli.run("maintain", SMALL, "--json");
        ok(later);
        JsonNode laterTable = later.json().path("tables").get(0);
        assertThat(laterTable.at("/before/orphan_files").asLong()).as(later.out()).isEqualTo(debris.size());
        assertThat(laterTable.at("/before/orphan_bytes").asLong()).isEqualTo(debrisBytes);
        assertThat(laterTable.at("/done/orphans_removed").asLong()).isEqualTo(debris.size());
        assertThat(laterTable.at("/after/orphan_bytes").asLong()).isZero();
        TableState laterState = state();
        assertSameRows(laterState, before);
        assertThat(laterState.dataFiles()).isEqualTo(rerunState.dataFiles());
        assertThat(orphans(laterState)).as("the debris is gone").isEmpty();
        assertThat(debris.keySet()).as("each with its checksum file").noneMatch(
                file -> Files.exists(file) || Files.exists(file.resolveSibling("." + file.getFileName() + ".crc")));

        System.out.printf("maintain crash: data files %d -> %d; orphan bytes %d before -> %d after the kill (%d files)"
                + " -> %d after the rerun -> %d later%n", before.dataFiles(), rerunState.dataFiles(),
                bytes(orphansBefore), debrisBytes, debris.size(), rerunOrphanBytes, bytes(orphans(laterState)));
    }

    /** The table's rows, checksum, current snapshot, data files and every file its metadata references. */
    private record TableState(long rows, String checksum, long snapshotId, long dataFiles, Path location,
                              Set<Path> referenced) {
    }

    private TableState state() {
        CliRun.Result sql = cli.run("sql", String.join(" UNION ALL ",
                "SELECT 'rows' AS k, CAST(count(*) AS string) AS v FROM " + SMALL,
                "SELECT 'checksum', CAST(sum(CAST(xxhash64(*) AS decimal(38,0))) AS string) FROM " + SMALL,
                "SELECT 'snapshot', CAST(snapshot_id AS string) FROM " + SMALL + ".refs WHERE name = 'main'",
                "SELECT 'data_files', CAST(count(*) AS string) FROM " + SMALL + ".data_files",
                "SELECT 'metadata', file FROM " + SMALL + ".metadata_log_entries",
                "SELECT 'file', file_path FROM " + SMALL + ".all_files",
                "SELECT 'file', path FROM " + SMALL + ".all_manifests",
                "SELECT 'file', manifest_list FROM " + SMALL + ".snapshots"), "--json");
        ok(sql);
        JsonNode result = sql.json();
        assertThat(result.path("truncated").asBoolean()).as("every referenced file listed").isFalse();
        Map<String, String> values = new TreeMap<>();
        Set<Path> referenced = new HashSet<>();
        Path metadata = null;
        for (JsonNode row : result.path("rows")) {
            String kind = row.get(0).asText();
            String value = row.get(1).asText();
            switch (kind) {
                case "file" -> referenced.add(local(value));
                case "metadata" -> {
                    metadata = local(value);
                    referenced.add(metadata);
                }
                default -> values.put(kind, value);
            }
        }
        assertThat(values).as(sql.out()).containsOnlyKeys("rows", "checksum", "snapshot", "data_files");
        assertThat(metadata).as(sql.out()).isNotNull();
        return new TableState(Long.parseLong(values.get("rows")), values.get("checksum"),
                Long.parseLong(values.get("snapshot")), Long.parseLong(values.get("data_files")),
                metadata.getParent().getParent(), referenced);
    }

    private static void assertSameRows(TableState actual, TableState expected) {
        assertThat(actual.rows()).as("rows").isEqualTo(expected.rows());
        assertThat(actual.checksum()).as("checksum of every column of every row").isEqualTo(expected.checksum());
    }

    /** The files in the table's location that its metadata does not reference, with their sizes. */
    private static Map<Path, Long> orphans(TableState state) throws IOException {
        Map<Path, Long> orphans = visibleFiles(state.location());
        orphans.keySet().removeAll(state.referenced());
        return orphans;
    }

    /**
     * The files under {@code dir} with their sizes, leaving out hidden ones (the file system's checksum files,
     * {@code .name.crc}), which Iceberg's orphan removal leaves out too.
     */
    private static Map<Path, Long> visibleFiles(Path dir) throws IOException {
        Map<Path, Long> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".") && !name.startsWith("_")) {
                    files.put(file.toAbsolutePath().normalize(), Files.size(file));
                }
            }
        }
        return files;
    }

    private static long bytes(Map<Path, Long> files) {
        return files.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Watches {@code dir} until a parquet file that was not in {@code before} has bytes on disk, then kills
     * {@code job}: the file is being closed (a Parquet writer keeps a small file's rows in memory until it closes
     * it). The file, or empty if the job ended first.
     */
    private static Optional<Path> killOnFirstFileWritten(RunningJob job, Path dir, Set<Path> before) {
        try (WatchService watcher = dir.getFileSystem().newWatchService()) {
            dir.register(watcher, ENTRY_CREATE, ENTRY_MODIFY);
            while (job.process().isAlive()) {
                for (Map.Entry<Path, Long> file : visibleFiles(dir).entrySet()) {
                    if (!before.contains(file.getKey()) && file.getKey().toString().endsWith(".parquet")
                            && file.getValue() > 0) {
                        job.kill();
                        return Optional.of(file.getKey());
                    }
                }
                // woken by the next change in the directory; the timeout only looks again whether the job runs
                WatchKey key = watcher.poll(100, TimeUnit.MILLISECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A file location as Iceberg writes it ({@code file:/...} in a local warehouse) as a local path. */
    private static Path local(String location) {
        return (location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location))
                .toAbsolutePath().normalize();
    }

    private static void ok(CliRun.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }
}
