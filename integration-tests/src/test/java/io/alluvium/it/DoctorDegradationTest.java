package io.alluvium.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.cli.jobs.EngineJobs;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.domain.Layer;
import io.alluvium.domain.TableId;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.RunningJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor on a platform that degraded the way a streaming lake does (docs/doctor.md): the landing job commits to
 * Bronze twice a second, with its own maintenance turned off, while events keep arriving, until a Bronze table holds
 * at least 1,000 data files and 500 snapshots. {@code doctor} must then flag exactly the degraded tables, with small
 * files and snapshots and the numbers Iceberg's metadata tables show, and exit 1; {@code doctor --fix} must repair
 * them so that the next {@code doctor} exits 0, without changing a row of any Bronze table (count and a checksum of
 * every column), and every invariant still holds ({@code reconcile}) on Silver and Gold built from the degraded
 * Bronze. Unit tests prove each check on small tables; this one proves the doctor on the degradation it exists for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DoctorDegradationTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int FILES_AT_LEAST = 1_000;
    private static final int SNAPSHOTS_AT_LEAST = 500;
    /** The setting's minimum: every landing snapshot is past retention a minute after landing stopped. */
    private static final Duration SNAPSHOT_MAX_AGE = Duration.ofMinutes(1);
    /** The landing job's checkpoint interval: each checkpoint commits a snapshot to every Bronze table. */
    private static final String CHECKPOINT_INTERVAL = "500ms";
    /**
     * Events per second while landing runs: every checkpoint of the landing job (each half second) finds new records
     * of every topic on both of its writers, so that it commits a snapshot and two files to each Bronze table; and
     * its files hold enough rows (about 100 orders, 300 clicks) that the data outweighs the metadata of 500
     * snapshots. At a tenth of this rate, files of about 4 KiB, the two are about equal and the doctor's
     * {@code metadata} check is on its threshold.
     */
    private static final int RATE = 2_000;
    /** Events of one generator run: 30 s of events; the Bronze tables are measured between runs. */
    private static final int EVENTS_PER_RUN = 30 * RATE;
    /** A landing that commits far slower than twice per second fails the test instead of making CI wait. */
    private static final Duration DEGRADE_AT_MOST = Duration.ofMinutes(25);
    private static final List<String> BRONZE = Arrays.stream(Topic.values())
            .map(t -> Layer.BRONZE.table(t).toString()).toList();
    private static final Pattern SMALL_FILES = Pattern.compile("^([\\d,]+) of ([\\d,]+) data files are small");
    private static final Pattern OLD_SNAPSHOTS = Pattern.compile("^([\\d,]+) of ([\\d,]+) snapshots are older than 1m$");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // kept on failure: the jobs' logs say why
    static Path dataDir;

    private CliRun cli;

    @BeforeAll
    void up() {
        cli = new CliRun(dataDir, Map.of(
                AlluviumSettings.LANDING_CHECKPOINT_INTERVAL, CHECKPOINT_INTERVAL,
                AlluviumSettings.LANDING_MAINTENANCE, "false",
                AlluviumSettings.MAINTENANCE_SNAPSHOT_MAX_AGE, "1m"));
        ok(cli.run("up"));
    }

    @AfterAll
    void down() {
        if (cli != null) {
            cli.run("down");
        }
    }

    @Test
    void doctorFlagsTheDegradedBronzeTablesAndItsFixChangesNoRow() throws Exception {
        long started = System.nanoTime();
        degradeBronze();
        long degraded = System.nanoTime();
        ok(timed("batch", "all"));

        AlluviumConfig config = cli.config();
        int minSnapshots = config.getInt(AlluviumSettings.MAINTENANCE_MIN_SNAPSHOTS);
        Map<String, TableState> before = measure();
        System.out.println("Bronze before the doctor: " + before);
        assertThat(before.values()).as("a Bronze table crossed both thresholds").anySatisfy(t -> {
            assertThat(t.dataFiles()).isGreaterThanOrEqualTo(FILES_AT_LEAST);
            assertThat(t.snapshots()).isGreaterThanOrEqualTo(SNAPSHOTS_AT_LEAST);
        });
        waitUntilEveryLandingSnapshotIsPastRetention(before);

        // the other areas' findings (Kafka, stream jobs, cost) are collected and judged at the end, so that a
        // failure there still shows what the table checks did
        List<JsonNode> otherAreas = new ArrayList<>();
        CliRun.Result sick = timed("doctor", "--json");
        assertThat(sick.exitCode()).as(sick.toString()).isEqualTo(1);
        JsonNode found = sick.json();
        assertThat(found.path("healthy").asBoolean()).isFalse();
        List<JsonNode> tableFindings = tableFindings(found, otherAreas);
        assertThat(found.path("tables").asInt()).as("Silver, Quarantine and Gold examined too")
                .isGreaterThan(BRONZE.size());
        Map<String, Set<String>> checks = checksBySubject(tableFindings);
        assertThat(checks).as("exactly the degraded tables, each for small files and snapshots: " + found)
                .containsOnlyKeys(BRONZE)
                .allSatisfy((table, c) -> assertThat(c).containsExactlyInAnyOrder("small-files", "snapshots"));
        for (JsonNode f : tableFindings) {
            TableState measured = before.get(f.path("subject").asText());
            assertThat(f.path("severity").asText()).isEqualTo("WARNING");
            assertThat(f.path("fix").asText()).isEqualTo("alluvium maintain " + f.path("subject").asText());
            assertThat(f.path("why").asText()).isNotBlank();
            String evidence = f.path("evidence").asText();
            if (f.path("check").asText().equals("small-files")) {
                long[] n = numbers(SMALL_FILES, evidence);
                assertThat(n).as(evidence + " vs " + measured).containsExactly(measured.smallFiles(),
                        measured.dataFiles());
            } else {
                long[] n = numbers(OLD_SNAPSHOTS, evidence);
                assertThat(n).as(evidence + " vs " + measured).containsExactly(measured.snapshots() - minSnapshots,
                        measured.snapshots());
            }
        }

        CliRun.Result fix = timed("doctor", "--fix", "--json");
        JsonNode fixed = fix.json();
        assertThat(tableFindings(fixed, otherAreas)).as("nothing left on any table after the fix").isEmpty();
        assertThat(fix.exitCode()).as(fix.toString()).isEqualTo(unhealthy(otherAreas) ? 1 : 0);
        List<String> fixedTables = new ArrayList<>();
        for (JsonNode t : fixed.path("fixed")) {
            String table = t.path("table").asText();
            fixedTables.add(table);
            JsonNode m = t.path("maintained");
            System.out.println("fixed " + table + ": " + m);
            assertThat(m.at("/before/data_files").asLong()).as(table).isEqualTo(before.get(table).dataFiles());
            assertThat(m.at("/before/snapshots").asLong()).as(table).isEqualTo(before.get(table).snapshots());
            assertThat(m.at("/after/data_files").asLong()).as(table).isLessThan(m.at("/before/data_files").asLong());
            assertThat(m.at("/after/snapshots").asLong()).as(table).isLessThanOrEqualTo(minSnapshots);
            assertThat(m.at("/after/records").asLong()).as(table).isEqualTo(m.at("/before/records").asLong());
        }
        assertThat(fixedTables).containsExactlyInAnyOrderElementsOf(BRONZE);

        CliRun.Result healthy = timed("doctor", "--json");
        List<JsonNode> othersBefore = List.copyOf(otherAreas);
        assertThat(tableFindings(healthy.json(), otherAreas)).as("nothing on any table").isEmpty();
        assertThat(healthy.exitCode()).as(healthy.toString())
                .isEqualTo(unhealthy(otherAreas.subList(othersBefore.size(), otherAreas.size())) ? 1 : 0);

        Map<String, TableState> after = measure();
        System.out.println("Bronze after the fix: " + after);
        for (String table : BRONZE) {
            assertThat(after.get(table).rows()).as(table + " rows").isEqualTo(before.get(table).rows());
            assertThat(after.get(table).checksum()).as(table + " checksum of every column")
                    .isEqualTo(before.get(table).checksum());
            assertThat(after.get(table).dataFiles()).as(table + " compacted").isLessThan(before.get(table).dataFiles());
            assertThat(after.get(table).snapshots()).as(table + " expired").isLessThanOrEqualTo(minSnapshots);
        }

        CliRun.Result reconcile = timed("reconcile", "--json");
        assertThat(reconcile.exitCode()).as(reconcile.toString()).isZero();
        reconcile.json().path("checks").forEach(c -> assertThat(c.path("ok").asBoolean()).as(c.toString()).isTrue());
        System.out.printf("doctor degradation: %.0f s to degrade Bronze, %.0f s in all; first doctor: %s%n",
                (degraded - started) / 1e9, (System.nanoTime() - started) / 1e9, found.path("findings"));
        // notes are allowed (the S3 request cost of the files Bronze wrote is one), warnings are not
        assertThat(otherAreas).as("the doctor's other areas (Kafka, stream jobs, cost) warn of nothing here")
                .noneMatch(f -> !f.path("severity").asText().equals("INFO"));
    }

    /** The findings about a table (subject {@code layer.name}); the others are added to {@code others}. */
    private static List<JsonNode> tableFindings(JsonNode doctor, List<JsonNode> others) {
        List<JsonNode> tables = new ArrayList<>();
        for (JsonNode f : doctor.path("findings")) {
            String subject = f.path("subject").asText();
            boolean table = Arrays.stream(Layer.values()).anyMatch(l -> subject.startsWith(l.namespace() + "."));
            (table ? tables : others).add(f);
        }
        return tables;
    }

    private static boolean unhealthy(List<JsonNode> findings) {
        return findings.stream().anyMatch(f -> !f.path("severity").asText().equals("INFO"));
    }

    /**
     * Lands with a checkpoint every {@link #CHECKPOINT_INTERVAL} and the landing job's own maintenance off, sending events all along in
     * runs of {@link #EVENTS_PER_RUN}, until a Bronze table holds {@link #FILES_AT_LEAST} data files and
     * {@link #SNAPSHOTS_AT_LEAST} snapshots (counted on disk between runs: one manifest list per snapshot, and no
     * file is removed while nothing maintains the table); then stops landing cleanly and lands what is left.
     */
    private void degradeBronze() throws Exception {
        AlluviumConfig config = cli.config();
        RunningJob landing = RunningJob.start(EngineJobs.landing(config, false), config);
        // its messages are read all along, so that the job never blocks on a full pipe
        CompletableFuture<RunningJob.Outcome> landed = CompletableFuture.supplyAsync(() -> landing.await(m -> { }));
        long deadline = System.nanoTime() + DEGRADE_AT_MOST.toNanos();
        int runs = 0;
        try {
            while (!crossedBothThresholds()) {
                if (landed.isDone()) {
                    fail("landing ended before Bronze degraded: " + landed.get());
                }
                assertThat(System.nanoTime()).as("Bronze degraded within " + DEGRADE_AT_MOST + ": " + onDisk())
                        .isLessThan(deadline);
                ok(cli.run("generate", "--events", Integer.toString(EVENTS_PER_RUN), "--rate", Integer.toString(RATE),
                        "--days", "1"));
                runs++;
                System.out.println("after generator run " + runs + ": Bronze on disk " + onDisk());
            }
        } finally {
            landing.stop(Duration.ofSeconds(60));
        }
        RunningJob.Outcome outcome = landed.get();
        assertThat(outcome.exitCode()).as("landing stopped cleanly: " + outcome.failureMessage()).isZero();
        JsonNode report = JSON.readTree(outcome.result());
        System.out.println("landing: " + runs + " generator runs, " + report);
        if (!report.path("caught_up").asBoolean()) {
            ok(cli.run("stream", "start", "landing", "--until-caught-up"));
        }
    }

    private boolean crossedBothThresholds() {
        return onDisk().values().stream()
                .anyMatch(t -> t.dataFiles() >= FILES_AT_LEAST && t.snapshots() >= SNAPSHOTS_AT_LEAST);
    }

    /** A Bronze table's data files and snapshots as counted in its location. */
    private record OnDisk(long dataFiles, long snapshots) {
    }

    /** Per Bronze table: the data files and the snapshots (one manifest list each) in its location. */
    private Map<String, OnDisk> onDisk() {
        Map<String, OnDisk> counts = new TreeMap<>();
        for (Topic topic : Topic.values()) {
            TableId table = Layer.BRONZE.table(topic);
            Path location = dataDir.resolve("warehouse").resolve(table.namespace()).resolve(table.name());
            counts.put(table.toString(), new OnDisk(files(location.resolve("data"), name -> name.endsWith(".parquet")),
                    files(location.resolve("metadata"), name -> name.startsWith("snap-") && name.endsWith(".avro"))));
        }
        return counts;
    }

    /**
     * The files under {@code dir} whose names match, by name alone: the writer renames its temporary files while
     * they are counted, so a file's attributes may be gone by the time they would be read.
     */
    private static long files(Path dir, Predicate<String> name) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        long n = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                n += Files.isDirectory(entry) ? files(entry, name) : name.test(entry.getFileName().toString()) ? 1 : 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    /**
     * The doctor counts a snapshot past retention once it is older than {@link #SNAPSHOT_MAX_AGE}: its numbers are
     * exact (every snapshot but the newest {@code maintenance.min-snapshots}) only once the last landing commit is.
     * Building Silver and Gold usually takes longer than that; if not, the rest of the minute is waited out.
     */
    private static void waitUntilEveryLandingSnapshotIsPastRetention(Map<String, TableState> bronze)
            throws InterruptedException {
        long last = bronze.values().stream().mapToLong(TableState::lastCommitMillis).max().orElseThrow();
        long wait = last + SNAPSHOT_MAX_AGE.toMillis() + 1_000 - System.currentTimeMillis();
        if (wait > 0) {
            System.out.println("waiting " + wait + " ms for the last landing snapshot to be past retention");
            Thread.sleep(wait);
        }
    }

    /** One Bronze table as Spark reads it and as Iceberg's metadata tables describe it. */
    private record TableState(long rows, String checksum, long dataFiles, long smallFiles, long snapshots,
                              long lastCommitMillis) {
    }

    /** Every Bronze table's rows, checksum of every column, data files (small ones) and snapshots, in one query. */
    private Map<String, TableState> measure() {
        AlluviumConfig config = cli.config();
        long small = (long) (config.getMemory(AlluviumSettings.MAINTENANCE_TARGET_FILE_SIZE).bytes()
                * config.getDouble(AlluviumSettings.MAINTENANCE_SMALL_FILE_SHARE));
        String query = BRONZE.stream().map(t -> "SELECT '" + t + "'"
                + ", (SELECT count(*) FROM " + t + ")"
                + ", (SELECT CAST(sum(CAST(xxhash64(*) AS decimal(38,0))) AS string) FROM " + t + ")"
                + ", (SELECT count(*) FROM " + t + ".data_files)"
                + ", (SELECT count(*) FROM " + t + ".data_files WHERE file_size_in_bytes < " + small + ")"
                + ", (SELECT count(*) FROM " + t + ".snapshots)"
                + ", (SELECT unix_millis(max(committed_at)) FROM " + t + ".snapshots)")
                .collect(Collectors.joining(" UNION ALL "));
        CliRun.Result sql = timed("sql", query, "--json");
        ok(sql);
        Map<String, TableState> tables = new TreeMap<>();
        for (JsonNode row : sql.json().path("rows")) {
            tables.put(row.get(0).asText(), new TableState(row.get(1).asLong(), row.get(2).asText(),
                    row.get(3).asLong(), row.get(4).asLong(), row.get(5).asLong(), row.get(6).asLong()));
        }
        assertThat(tables).as(sql.out()).containsOnlyKeys(BRONZE);
        return tables;
    }

    private static Map<String, Set<String>> checksBySubject(List<JsonNode> findings) {
        Map<String, Set<String>> checks = new TreeMap<>();
        for (JsonNode f : findings) {
            checks.computeIfAbsent(f.path("subject").asText(), k -> new TreeSet<>()).add(f.path("check").asText());
        }
        return checks;
    }

    private static long[] numbers(Pattern pattern, String evidence) {
        Matcher m = pattern.matcher(evidence);
        assertThat(m.find()).as(evidence + " matches " + pattern).isTrue();
        return new long[] {Long.parseLong(m.group(1).replace(",", "")), Long.parseLong(m.group(2).replace(",", ""))};
    }

    /** Runs a command and prints how long it took: where the test's time goes, in CI's log. */
    private CliRun.Result timed(String... command) {
        long start = System.nanoTime();
        CliRun.Result result = cli.run(command);
        System.out.printf("%s: %.1f s%n", command[0].equals("sql") ? "sql (measure Bronze)" : String.join(" ", command),
                (System.nanoTime() - start) / 1e9);
        return result;
    }

    private static void ok(CliRun.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
    }
}
