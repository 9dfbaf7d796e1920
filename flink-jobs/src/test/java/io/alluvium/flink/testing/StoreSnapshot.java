package io.alluvium.flink.testing;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.flink.realtime.serving.ServingStoreAddress;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * Everything in the serving store as one comparable map (key → its value as text, whatever its type),
 * so that two runs can be compared whole: hashes and sets sorted, sorted sets with their scores.
 */
public final class StoreSnapshot {
    private StoreSnapshot() {
    }

    public static Map<String, String> of(AlluviumConfig config) {
        try (Jedis redis = ServingStoreAddress.of(config).connect()) {
            Map<String, String> all = new TreeMap<>();
            for (String key : redis.keys("*")) {
                all.put(key, switch (redis.type(key)) {
                    case "hash" -> new TreeMap<>(redis.hgetAll(key)).toString();
                    case "set" -> new TreeSet<>(redis.smembers(key)).toString();
                    case "zset" -> redis.zrangeWithScores(key, 0, -1).stream()
                            .map(t -> t.getElement() + "=" + t.getScore()).sorted().collect(Collectors.joining(", "));
                    case "string" -> redis.get(key);
                    default -> throw new IllegalStateException("unexpected type of " + key + ": " + redis.type(key));
                });
            }
            return all;
        }
    }
}
