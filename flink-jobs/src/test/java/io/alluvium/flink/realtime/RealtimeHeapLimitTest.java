package io.alluvium.flink.realtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.flink.realtime.serving.ServingStoreAddress;
import io.alluvium.flink.run.KafkaLogEnds;
import io.alluvium.flink.run.RestorePoint;
import io.alluvium.flink.run.StreamingJobMain;
import io.alluvium.flink.testing.EmbeddedPlatform;
import io.alluvium.flink.testing.GeneratedLoad;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.ExitCode;
import io.alluvium.runtime.KafkaEndpoints;
import io.alluvium.runtime.RunningJob;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * The realtime job as the CLI runs it (a child JVM), on the default heap backend, with a heap limit its state
 * cannot keep under ({@code realtime.heap-limit} 0.02): it must stop by itself, cleanly, with a savepoint and
 * one line that names the ways out (exit 2), before any garbage-collection spiral; and a run with the default
 * limit must resume there and count every record in the topics, none lost or doubled.
 */
class RealtimeHeapLimitTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // kept on failure: its logs say why
    static Path dataDir;

    private static EmbeddedPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = EmbeddedPlatform.startWithServingStore(dataDir, Map.of(
                "realtime.checkpoint-interval", "1s",
                AlluviumSettings.GENERATOR_EVENTS, "20000",
                AlluviumSettings.GENERATOR_RATE, "2000"));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aStateOverTheHeapLimitStopsTheJobCleanlyInOneLineAndTheNextRunLosesNothing() throws Exception {
        CompletableFuture<Void> sending = GeneratedLoad.sendInBackground(platform.config());
        RunningJob tooSmall = platform.startJob("realtime-heap-limit", RealtimeJobMain.class,
                Map.of(AlluviumSettings.REALTIME_HEAP_LIMIT, "0.02"));
        RunningJob.Outcome stopped;
        try {
            stopped = CompletableFuture.supplyAsync(() -> tooSmall.await(message -> { }))
                    .get(3, TimeUnit.MINUTES);
        } finally {
            tooSmall.kill();
        }

        System.out.println("realtime, over the heap limit: " + stopped.failureMessage());
        assertThat(stopped.exitCode()).as(stopped.failureMessage()).isEqualTo(ExitCode.BAD_INPUT.code());
        assertThat(stopped.error()).as("one line")
                .doesNotContain("\n")
                .contains("the realtime job's state outgrew its heap")
                .contains("realtime.heap-limit=0.02")
                .contains("stopped cleanly with a savepoint")
                .contains("realtime.state-backend=rocksdb", "realtime.dedup-retention", "flink.heap");
        assertThat(RestorePoint.latest(RealtimeJob.stateDir(platform.config())))
                .hasValueSatisfying(point -> assertThat(point.path().toString()).contains("savepoint"));
        sending.get(2, TimeUnit.MINUTES);

        RunningJob.Outcome caughtUp = platform.startJob("realtime-catch-up", RealtimeJobMain.class,
                StreamingJobMain.UNTIL_CAUGHT_UP).await(message -> { });

        assertThat(caughtUp.succeeded()).as(caughtUp.failureMessage()).isTrue();
        System.out.println("realtime, catch-up run: " + caughtUp.result());
        JsonNode result = JSON.readTree(caughtUp.result());
        assertThat(result.get("resumed_from").asText()).contains("savepoint");
        assertThat(result.get("state_bytes").asLong()).as("the state's size, reported").isPositive();
        assertThat(result.get("heap_after_gc_bytes").asLong()).isPositive()
                .isLessThan(result.get("heap_max_bytes").asLong());
        long inTopics;
        try (KafkaLogEnds log = new KafkaLogEnds(KafkaEndpoints.bootstrapServers(platform.config()))) {
            inTopics = ProcessedRecords.inTopics(log);
        }
        assertThat(inTopics).isGreaterThanOrEqualTo(20_000);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            try (Jedis redis = ServingStoreAddress.of(platform.config()).connect()) {
                assertThat(ProcessedRecords.counted(redis)).as("every record counted once").isEqualTo(inTopics);
            }
        });
        Path jobsTmp = DataDir.of(platform.config()).tmp().resolve("jobs");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jobsTmp).as("both runs' temporary "
                + "directories, removed when they ended").isEmptyDirectory());
    }
}
