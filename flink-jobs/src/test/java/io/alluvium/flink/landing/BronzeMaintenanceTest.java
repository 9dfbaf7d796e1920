package io.alluvium.flink.landing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.domain.Topic;
import io.alluvium.flink.run.StopRequest;
import io.alluvium.flink.testing.BronzeRows;
import io.alluvium.flink.testing.EmbeddedPlatform;
import io.alluvium.flink.testing.ProtocolCapture;
import io.alluvium.flink.testing.Reconciliation;
import io.alluvium.flink.testing.SentRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The landing job keeps Bronze healthy by itself (docs/maintenance.md, "What runs where"): a run that commits every
 * second, while records keep arriving, compacts each Bronze table's small files and expires its old snapshots with
 * Iceberg's Flink table maintenance, and every record sent is still in Bronze exactly once.
 */
class BronzeMaintenanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Expiry's shortest age is a minute (the setting's minimum): the run goes on, records arriving all along, until
     * every table has been compacted and has lost appends to expiry, or this long.
     */
    private static final Duration RUN_AT_MOST = Duration.ofSeconds(180);

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    @Test
    void aRunningLandingJobCompactsAndExpiresBronzeAndLosesNothing() throws Exception {
        try (EmbeddedPlatform platform = EmbeddedPlatform.start(dataDir, Map.of(
                "landing.checkpoint-interval", "1s", "landing.maintenance-interval", "5s",
                "maintenance.target-file-size", "1m", "maintenance.snapshot-max-age", "1m",
                "maintenance.min-snapshots", "2"));
             SentRecords producer = new SentRecords(platform.config());
             BronzeCatalog catalog = BronzeCatalog.open(platform.config(), "bronze")) {
            StopRequest stop = new StopRequest();
            ProtocolCapture out = new ProtocolCapture();
            CompletableFuture<String> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return new LandingJob(platform.config()).run(false, out.protocol(), stop);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Map<Topic, Table> tables = catalog.createMissingTables();
            Map<Topic, Set<Long>> appendsSeen = new EnumMap<>(Topic.class);
            long end = System.nanoTime() + RUN_AT_MOST.toNanos();
            while (System.nanoTime() < end && !run.isDone() && !allMaintained(tables, appendsSeen)) {
                producer.send(300); // a few small files per table at every checkpoint
                Thread.sleep(700);
                tables.forEach((topic, t) -> {
                    t.refresh();
                    for (Snapshot s : t.snapshots()) {
                        if ("append".equals(s.operation())) {
                            appendsSeen.computeIfAbsent(topic, k -> new HashSet<>()).add(s.snapshotId());
                        }
                    }
                });
            }
            awaitLanded(platform, producer);
            stop.request();
            JsonNode result = JSON.readTree(run.get());
            System.out.println("landing with maintenance: " + result);

            for (Map.Entry<Topic, Table> e : tables.entrySet()) {
                Table t = e.getValue();
                t.refresh();
                int appendsKept = 0;
                boolean compacted = false;
                for (Snapshot s : t.snapshots()) {
                    appendsKept += "append".equals(s.operation()) ? 1 : 0;
                    compacted |= "replace".equals(s.operation());
                }
                long appendsExpired = appendsSeen.getOrDefault(e.getKey(), Set.of()).stream()
                        .filter(id -> t.snapshot(id) == null).count();
                int files = dataFiles(t);
                System.out.printf("bronze.%s: %d appends kept, %d expired, %d data files now, compacted %s%n",
                        e.getKey(), appendsKept, appendsExpired, files, compacted);
                assertThat(compacted).as("a compaction (replace) commit on bronze." + e.getKey()).isTrue();
                assertThat(appendsExpired).as("appends of bronze." + e.getKey() + " expired").isPositive();
            }
            Reconciliation.assertExactlyOnce(BronzeRows.read(platform.config()), producer.all());
        }
    }

    /** Whether every table has a compaction commit and has lost an append seen earlier to expiry. */
    private static boolean allMaintained(Map<Topic, Table> tables, Map<Topic, Set<Long>> appendsSeen) {
        for (Map.Entry<Topic, Table> e : tables.entrySet()) {
            Table t = e.getValue();
            boolean compacted = false;
            for (Snapshot s : t.snapshots()) {
                compacted |= "replace".equals(s.operation());
            }
            if (!compacted || appendsSeen.getOrDefault(e.getKey(), Set.of()).stream()
                    .noneMatch(id -> t.snapshot(id) == null)) {
                return false;
            }
        }
        return true;
    }

    private static int dataFiles(Table t) throws Exception {
        int files = 0;
        try (CloseableIterable<FileScanTask> tasks = t.newScan().planFiles()) {
            for (FileScanTask task : tasks) {
                files++;
            }
        }
        return files;
    }

    private static void awaitLanded(EmbeddedPlatform platform, SentRecords producer) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (BronzeRows.committedRows(platform.config()) < producer.all().size() && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
    }
}
