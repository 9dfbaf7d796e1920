package io.alluvium.serving;

import redis.clients.jedis.UnifiedJedis;

/**
 * Makes a {@link LoadTest}'s lookups straight against the serving store, as a client without the API would: one
 * HGETALL of the lookup's key with Jedis. The baseline of {@code bench serving}: what the API adds is the
 * difference. Found means a non-empty hash.
 */
public final class RedisReader implements LoadTest.Reader {
    private final UnifiedJedis jedis;

    public RedisReader(UnifiedJedis jedis) {
        this.jedis = jedis;
    }

    @Override
    public boolean lookup(ServingLookup lookup) {
        return !jedis.hgetAll(lookup.key()).isEmpty();
    }
}
