package io.alluvium.flink.testing;

import io.alluvium.domain.ServingKeys;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.resps.Tuple;

/** What the serving store holds of the fraud alerts: every {@code alert:*} hash, and {@code alerts:by_time}. */
public final class ServedAlerts {
    private ServedAlerts() {
    }

    /** alert_id → the fields of its hash. */
    public static Map<String, Map<String, String>> hashes(Jedis redis) {
        Map<String, Map<String, String>> alerts = new TreeMap<>();
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor,
                    new ScanParams().match(ServingKeys.ALERT_PREFIX + "*").count(500));
            for (String key : page.getResult()) {
                alerts.put(key.substring(ServingKeys.ALERT_PREFIX.length()), redis.hgetAll(key));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        return alerts;
    }

    /** alert_id → its score in {@code alerts:by_time} (epoch milliseconds). */
    public static Map<String, Long> byTime(Jedis redis) {
        Map<String, Long> scores = new TreeMap<>();
        for (Tuple t : redis.zrangeWithScores(ServingKeys.ALERTS_BY_TIME, 0, -1)) {
            scores.put(t.getElement(), (long) t.getScore());
        }
        return scores;
    }
}
