package io.alluvium.flink.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.config.AlluviumSettings;
import io.alluvium.flink.realtime.serving.ServingStoreAddress;
import io.alluvium.flink.run.KafkaLogEnds;
import io.alluvium.flink.testing.EmbeddedPlatform;
import io.alluvium.flink.testing.GeneratedLoad;
import io.alluvium.runtime.KafkaEndpoints;
import io.alluvium.runtime.RunningJob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/**
 * Soak: the realtime job as the CLI runs it, with its default settings (heap backend, 7-day dedup retention,
 * flink.heap), under a steady load for {@code soak.minutes} (10) at {@code soak.rate} events a second (10,000),
 * its heap measured after a full collection ({@code jcmd GC.run}) every minute. Each minute of load spans
 * {@code soak.days-per-minute} (3) days of event time, so the retention's worth has passed after a few minutes and the state
 * must stop growing: the heap after full GC of the second half may not exceed the highest of the first half's
 * last three samples by more than 15 %. Every sample is printed. Not part of {@code mvn verify} (tag {@code soak}):
 * {@code mvn -B verify -pl common,generator,services,flink-jobs -Dgroups=soak -Dsurefire.excludedGroups=
 * -Dtest=RealtimeSoakTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("soak")
class RealtimeSoakTest {
    private static final int MINUTES = Integer.getInteger("soak.minutes", 10);
    private static final long RATE = Long.getLong("soak.rate", 10_000);
    /** Event days each minute of load spans: 30 days in 10 minutes, so the 7-day retention fills in about 2. */
    private static final int DAYS_PER_MINUTE = Integer.getInteger("soak.days-per-minute", 3);
    private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    static Path dataDir;

    private static EmbeddedPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = EmbeddedPlatform.startWithServingStore(dataDir, Map.of(
                AlluviumSettings.GENERATOR_EVENTS, Long.toString(RATE * 60),
                AlluviumSettings.GENERATOR_RATE, Long.toString(RATE),
                AlluviumSettings.GENERATOR_DAYS, Integer.toString(DAYS_PER_MINUTE)));
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theHeapAfterFullCollectionStaysFlatUnderSteadyLoad() throws Exception {
        RunningJob job = platform.startJob("realtime-soak", RealtimeJobMain.class);
        try {
            // one generator run a minute, each continuing the stream's event time where the last ended
            CompletableFuture<Void> sending = CompletableFuture.completedFuture(null);
            for (int minute = 1; minute <= MINUTES; minute++) {
                sending = sending.thenCompose(sent -> GeneratedLoad.sendInBackground(platform.config()));
            }
            List<Long> heapMb = new ArrayList<>();
            System.out.printf("soak: %d events/s for %d min, %d days of event time a minute%n", RATE, MINUTES,
                    DAYS_PER_MINUTE);
            System.out.println("minute | heap after full GC (MB) | records counted | records in the topics");
            for (int minute = 1; minute <= MINUTES; minute++) {
                Thread.sleep(Duration.ofMinutes(1).toMillis());
                assertThat(job.process().isAlive()).as("the job runs").isTrue();
                assertThat(sending.isCompletedExceptionally()).as("the load is being sent").isFalse();
                heapMb.add(heapAfterFullGc(job.pid()) >> 20);
                System.out.printf("%6d | %23d | %15d | %d%n", minute, heapMb.get(minute - 1), counted(), inTopics());
            }
            sending.get(3, TimeUnit.MINUTES);
            long lag = inTopics() - counted();
            System.out.println("soak: records not yet counted when the load ended: " + lag);

            int half = Math.max(1, MINUTES / 2);
            int from = Math.max(0, half - 3); // the first half's last samples: after the state has filled up
            long firstHalfMax = heapMb.subList(from, half).stream().mapToLong(Long::longValue).max().orElseThrow();
            long secondHalfMax = heapMb.subList(half, MINUTES).stream().mapToLong(Long::longValue).max().orElseThrow();
            System.out.printf("soak: heap after full GC, highest of minutes %d-%d: %d MB; of minutes %d-%d: %d MB%n",
                    from + 1, half, firstHalfMax, half + 1, MINUTES, secondHalfMax);
            assertThat(secondHalfMax).as("heap after full GC (MB) by minute: " + heapMb)
                    .isLessThanOrEqualTo(Math.round(firstHalfMax * 1.15));
            assertThat(lag).as("the job kept up with the load").isLessThan(RATE * 30);
        } finally {
            job.stop(Duration.ofMinutes(2));
        }
    }

    /** Forces a full collection in the job's JVM and reads what its heap holds after it. */
    private static long heapAfterFullGc(long pid) throws IOException, InterruptedException {
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher used = HEAP_USED.matcher(info);
        assertThat(used.find()).as("jcmd GC.heap_info: " + info).isTrue();
        return Long.parseLong(used.group(1)) * 1024;
    }

    private static String jcmd(long pid, String command) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command).redirectErrorStream(true)
                .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        return out;
    }

    private static long counted() {
        try (Jedis redis = ServingStoreAddress.of(platform.config()).connect()) {
            return ProcessedRecords.counted(redis);
        }
    }

    private static long inTopics() {
        try (KafkaLogEnds log = new KafkaLogEnds(KafkaEndpoints.bootstrapServers(platform.config()))) {
            return ProcessedRecords.inTopics(log);
        }
    }
}
