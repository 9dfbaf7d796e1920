package io.alluvium.serving;

import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The keys matching a pattern, by SCAN: in pages, so that a large store is never blocked as KEYS would block
 * it. SCAN may return a key twice; callers that count keys put them in a set.
 */
final class KeyScan {
    private static final int PAGE = 1000;

    private KeyScan() {
    }

    /** At most {@code max} keys matching {@code pattern}. */
    static List<String> keys(UnifiedJedis jedis, String pattern, int max) {
        List<String> keys = new ArrayList<>();
        ScanParams params = new ScanParams().match(pattern).count(PAGE);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = jedis.scan(cursor, params);
            page.getResult().stream().limit(max - keys.size()).forEach(keys::add);
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor) && keys.size() < max);
        return keys;
    }

    static List<String> all(UnifiedJedis jedis, String pattern) {
        return keys(jedis, pattern, Integer.MAX_VALUE);
    }
}
