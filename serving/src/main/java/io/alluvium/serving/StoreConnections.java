package io.alluvium.serving;

import io.alluvium.runtime.ServingEndpoint;
import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisPooled;

/**
 * Opens pooled connections to the serving store at a {@link ServingEndpoint}: TLS, ACL user and password as it
 * says, short timeouts (a reader answers or fails fast; it never waits out a dead store), and a pool as large as
 * the callers that use it at once.
 */
public final class StoreConnections {
    private static final int TIMEOUT_MILLIS = 2000;
    private static final Duration MAX_WAIT = Duration.ofSeconds(5);

    private StoreConnections() {
    }

    public static JedisPooled pool(ServingEndpoint endpoint, int connections) {
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .ssl(endpoint.tls()).timeoutMillis(TIMEOUT_MILLIS).clientName("alluvium-serve");
        if (!endpoint.password().isEmpty()) {
            client.user(endpoint.user()).password(endpoint.password().reveal());
        }
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(connections);
        pool.setMaxIdle(connections);
        pool.setMaxWait(MAX_WAIT);
        pool.setJmxEnabled(false);
        return new JedisPooled(new HostAndPort(endpoint.host(), endpoint.port()), client.build(), pool);
    }
}
