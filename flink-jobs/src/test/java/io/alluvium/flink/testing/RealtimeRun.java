package io.alluvium.flink.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.flink.realtime.RealtimeJob;
import io.alluvium.flink.realtime.serving.ServingStoreAddress;
import io.alluvium.flink.run.StopRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import redis.clients.jedis.Jedis;

/**
 * The realtime job as a test runs it: in the test's JVM, until caught up; what it left in the serving
 * store; and the loss of all its state (checkpoints, savepoints, job id), after which it replays the log.
 */
public final class RealtimeRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RealtimeRun() {
    }

    /** Runs the job until it has caught up with the topics; its result line. */
    public static JsonNode untilCaughtUp(AlluviumConfig config) throws Exception {
        String json = new RealtimeJob(config).run(true, new ProtocolCapture().protocol(), new StopRequest());
        System.out.println("realtime run: " + json);
        return JSON.readTree(json);
    }

    public static void loseAllState(AlluviumConfig config) throws IOException {
        try (Stream<Path> files = Files.walk(RealtimeJob.stateDir(config))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Every hash whose key matches {@code pattern}, by key. */
    public static Map<String, Map<String, String>> hashes(AlluviumConfig config, String pattern) {
        try (Jedis redis = redis(config)) {
            Map<String, Map<String, String>> all = new TreeMap<>();
            for (String key : redis.keys(pattern)) {
                all.put(key, redis.hgetAll(key));
            }
            return all;
        }
    }

    public static Jedis redis(AlluviumConfig config) {
        return ServingStoreAddress.of(config).connect();
    }
}
