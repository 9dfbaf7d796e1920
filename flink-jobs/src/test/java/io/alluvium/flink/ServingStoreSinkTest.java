package io.alluvium.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.ServiceJvm;
import io.alluvium.runtime.ServiceProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The sink's pipeline against a real redis-server: a write Redis refuses is an error, never a silent loss
 * (a pipeline does not throw for an error reply), and a store that is loading its data after a restart is
 * waited for. Before, the writes the job sent while a restarted redis-server was still reading its
 * append-only file were answered with LOADING errors that nobody read: the checkpoint after them completed,
 * and RealtimeCrashTest found keys missing and counts short after a serving-store crash.
 */
class ServingStoreSinkTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    private static AlluviumConfig config;
    private static ServiceProcess serving;

    @BeforeAll
    static void startServingStore() {
        config = AlluviumConfig.defaults().with(Map.of("data.dir", dataDir.toString(),
                "serving.port", Integer.toString(EmbeddedPlatform.freePort())), "test");
        serving = ServiceJvm.SERVING_STORE.process(DataDir.of(config).create());
        serving.start(ServiceJvm.SERVING_STORE.jvm(config), config, Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopServingStore() {
        if (serving != null) {
            serving.stop(Duration.ofSeconds(30));
        }
    }

    @BeforeEach
    void emptyStore() {
        try (Jedis redis = RealtimeRun.redis(config)) {
            redis.flushAll();
        }
    }

    @Test
    void writesEveryKindAsAbsoluteValues() {
        try (Jedis redis = RealtimeRun.redis(config)) {
            ServingStoreSink.send(redis, List.of(
                    new ServingWrite("h", Map.of("a", "1", "b", "2")),
                    ServingWrite.setMember("s", "x"),
                    ServingWrite.sortedSetMember("z", "m", 42)));
            ServingStoreSink.send(redis, List.of(new ServingWrite("h", Map.of("a", "3"))));

            assertThat(redis.hgetAll("h")).isEqualTo(Map.of("a", "3", "b", "2"));
            assertThat(redis.smembers("s")).containsExactly("x");
            assertThat(redis.zscore("z", "m")).isEqualTo(42.0);
        }
    }

    @Test
    void aWriteTheStoreRefusesFailsTheSendInsteadOfBeingLost() {
        try (Jedis redis = RealtimeRun.redis(config)) {
            redis.set("city_hour:Paris:2026-11-01T00", "not a hash");

            assertThatThrownBy(() -> ServingStoreSink.send(redis, List.of(
                    new ServingWrite("user:u-1", Map.of("events_1h", "1")),
                    new ServingWrite("city_hour:Paris:2026-11-01T00", Map.of("orders_created", "1")))))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("refused a write")
                    .hasMessageContaining("WRONGTYPE");
        }
    }

    /**
     * While a redis-server loads its data (here: DEBUG RELOAD of ~11 MB, slowed down per key)
     * it answers LOADING to every write; the send waits until it has loaded and then writes.
     */
    @Test
    void aStoreLoadingItsDataIsWaitedFor() throws Exception {
        try (Jedis admin = RealtimeRun.redis(config); Jedis sink = RealtimeRun.redis(config)) {
            // Redis 6.2 answers other clients while loading only every 2 MB of its file: ~11 MB, ~5 s to load
            Pipeline ballast = admin.pipelined();
            IntStream.range(0, 100_000).forEach(i -> ballast.set("ballast:" + i, "x".repeat(100)));
            ballast.sync();
            admin.configSet("key-load-delay", "50"); // µs per key, as Redis's own tests slow a load down
            CompletableFuture<Void> reload = CompletableFuture.runAsync(() -> {
                try (Jedis reloading = RealtimeRun.redis(config)) {
                    reloading.sendCommand(() -> "DEBUG".getBytes(), "RELOAD".getBytes());
                }
            });
            try {
                awaitLoading(sink);

                ServingStoreSink.send(sink, List.of(new ServingWrite("user:u-1", Map.of("events_1h", "7"))));

                assertThat(sink.hgetAll("user:u-1")).isEqualTo(Map.of("events_1h", "7"));
            } finally {
                reload.join();
                admin.configSet("key-load-delay", "0");
            }
        }
    }

    /** Returns once a write is answered with LOADING (fails if the reload ends without that). */
    private static void awaitLoading(Jedis redis) throws InterruptedException {
        for (int attempt = 0; attempt < 3000; attempt++) {
            try {
                redis.hset("probe", "f", "v");
            } catch (JedisDataException e) {
                if (e.getMessage().startsWith("LOADING")) {
                    return;
                }
                throw e;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("the store never answered LOADING: the test did not reach its case");
    }
}
