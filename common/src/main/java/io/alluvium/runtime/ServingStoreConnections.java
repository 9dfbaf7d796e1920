package io.alluvium.runtime;

import java.time.Duration;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;

/**
 * The one way Alluvium opens the serving store at a {@link ServingEndpoint}, whichever JVM reads or writes it:
 * TLS, ACL user and password as the endpoint says (the password goes to the driver and nowhere else), and a
 * client name that tells the callers apart in {@code CLIENT LIST}. A job (the realtime job, {@code reconcile})
 * takes one connection with a job's patience; readers ({@code serve}, {@code watch}, the serving bench) take a
 * pool with short timeouts, since a reader answers or fails fast and never waits out a dead store. Jedis is
 * provided by the modules that call this class.
 */
public final class ServingStoreConnections {
    private static final int JOB_TIMEOUT_MILLIS = 10_000;
    private static final int READER_TIMEOUT_MILLIS = 2000;
    private static final Duration READER_MAX_WAIT = Duration.ofSeconds(5);

    private ServingStoreConnections() {
    }

    /** One connection for a job, with 10 s timeouts. */
    public static Jedis connect(ServingEndpoint store, String clientName) {
        return new Jedis(address(store), client(store, clientName, JOB_TIMEOUT_MILLIS));
    }

    /** A pool of at most {@code connections} connections for readers, with 2 s timeouts and 5 s to get one. */
    public static JedisPooled pool(ServingEndpoint store, String clientName, int connections) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(connections);
        pool.setMaxIdle(connections);
        pool.setMaxWait(READER_MAX_WAIT);
        pool.setJmxEnabled(false);
        return new JedisPooled(address(store), client(store, clientName, READER_TIMEOUT_MILLIS), pool);
    }

    private static HostAndPort address(ServingEndpoint store) {
        return new HostAndPort(store.host(), store.port());
    }

    private static JedisClientConfig client(ServingEndpoint store, String clientName, int timeoutMillis) {
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .ssl(store.tls()).timeoutMillis(timeoutMillis).clientName(clientName);
        if (!store.password().isEmpty()) {
            client.user(store.user()).password(store.password().reveal());
        }
        return client.build();
    }
}
