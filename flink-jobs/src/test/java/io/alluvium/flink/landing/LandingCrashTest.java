package io.alluvium.flink.landing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.flink.run.StreamingJobMain;
import io.alluvium.flink.testing.BronzeRows;
import io.alluvium.flink.testing.EmbeddedPlatform;
import io.alluvium.flink.testing.Reconciliation;
import io.alluvium.flink.testing.SentRecords;
import io.alluvium.runtime.ChildProtocol;
import io.alluvium.runtime.RunningJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The landing job as the CLI runs it, a child JVM on this module's build, while records keep coming:
 * killed with SIGKILL in the middle of a run, or stopped with SIGTERM, then restarted until caught up.
 * Invariant 1 must hold exactly afterwards: every acknowledged offset in Bronze once, none twice.
 */
class LandingCrashTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // kept on failure: its logs say why
    static Path dataDir;

    /** One platform for both scenarios: each reconciles everything sent since the platform started. */
    private static EmbeddedPlatform platform;
    private static SentRecords producer;
    private final ExecutorService producing = Executors.newSingleThreadExecutor();
    private final AtomicBoolean keepProducing = new AtomicBoolean(true);
    private final List<RunningJob> jobs = new ArrayList<>();

    @BeforeAll
    static void startPlatform() {
        platform = EmbeddedPlatform.start(dataDir, Map.of("landing.checkpoint-interval", "1s"));
        producer = new SentRecords(platform.config());
    }

    @AfterEach
    void stopJobs() throws Exception {
        keepProducing.set(false);
        producing.shutdown();
        producing.awaitTermination(30, TimeUnit.SECONDS);
        jobs.forEach(RunningJob::kill);
    }

    @AfterAll
    static void stopPlatform() {
        if (producer != null) {
            producer.close();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void killedMidRunThenRestartedLandsEveryOffsetExactlyOnce() throws Exception {
        long committedBefore = BronzeRows.committedRows(platform.config());
        Future<?> sending = produceContinuously();
        RunningJob continuous = start("landing");
        long committedBeforeKill = awaitCommittedRowsAbove(committedBefore);
        Thread.sleep(1_300); // somewhere between two checkpoints, with records in flight

        continuous.kill();
        assertThat(continuous.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(continuous.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);
        Thread.sleep(1_000); // the log grows while landing is down
        stopProducing(sending);

        JsonNode result = runUntilCaughtUp();

        assertThat(committedBeforeKill).as("rows committed before the kill").isGreaterThan(committedBefore);
        assertThat(result.get("restored_from").asText()).as("resumed from a retained checkpoint").contains("chk-");
        Reconciliation.assertExactlyOnce(BronzeRows.read(platform.config()), producer.all());
    }

    @Test
    void sigtermStopsAContinuousRunCleanlyAndTheNextRunGoesOnFromItsSavepoint() throws Exception {
        long committedBefore = BronzeRows.committedRows(platform.config());
        Future<?> sending = produceContinuously();
        RunningJob continuous = start("landing");
        awaitCommittedRowsAbove(committedBefore);

        // SIGTERM, as `alluvium stream stop` sends (Process.destroy() would also close the job's stdout)
        continuous.process().toHandle().destroy();
        RunningJob.Outcome stopped = continuous.await(message -> { });
        stopProducing(sending);

        assertThat(stopped.succeeded()).as(stopped.failureMessage()).isTrue();
        JsonNode first = JSON.readTree(stopped.result());
        assertThat(first.get("savepoint").asText()).contains("savepoint");

        JsonNode second = runUntilCaughtUp();

        assertThat(second.get("restored_from").asText()).isEqualTo(Path.of(
                java.net.URI.create(first.get("savepoint").asText())).toString());
        Reconciliation.assertExactlyOnce(BronzeRows.read(platform.config()), producer.all());
    }

    private RunningJob start(String name, String... args) {
        RunningJob job = platform.startJob(name, LandingJobMain.class, args);
        jobs.add(job);
        return job;
    }

    private JsonNode runUntilCaughtUp() throws Exception {
        List<ChildProtocol.Message> progress = new ArrayList<>();
        RunningJob.Outcome outcome = start("landing-catch-up", StreamingJobMain.UNTIL_CAUGHT_UP).await(progress::add);
        assertThat(outcome.succeeded()).as(outcome.failureMessage()).isTrue();
        assertThat(progress).isNotEmpty();
        System.out.println("landing, catch-up run: " + outcome.result());
        return JSON.readTree(outcome.result());
    }

    /** Sends 150 records every 50 ms (about 3,000 a second) until stopped. */
    private Future<?> produceContinuously() {
        return producing.submit(() -> {
            while (keepProducing.get()) {
                producer.send(150);
                Thread.sleep(50);
            }
            return null;
        });
    }

    private void stopProducing(Future<?> sending) throws Exception {
        keepProducing.set(false);
        sending.get(60, TimeUnit.SECONDS);
    }

    private static long awaitCommittedRowsAbove(long rows) {
        return await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                .until(() -> BronzeRows.committedRows(platform.config()), committed -> committed > rows);
    }
}
