package io.alluvium.flink;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * Where the serving store is: {@code serving.redis-url} (ElastiCache, MemoryDB, any Redis or Valkey;
 * {@code rediss://} for TLS), or the embedded redis-server on 127.0.0.1:{@code serving.port}. The password
 * comes from the URL's user info or {@code serving.password}; it is never part of {@link #toString()}.
 */
record ServingStoreAddress(String host, int port, boolean tls, String user, String password) implements Serializable {

    static ServingStoreAddress of(AlluviumConfig config) {
        String url = config.getString(AlluviumSettings.SERVING_REDIS_URL).strip();
        String password = config.getPassword(AlluviumSettings.SERVING_PASSWORD).reveal();
        if (url.isEmpty()) {
            return new ServingStoreAddress("127.0.0.1", config.getInt(AlluviumSettings.SERVING_PORT), false, null,
                    password);
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme();
            if (!"redis".equals(scheme) && !"rediss".equals(scheme) || uri.getHost() == null) {
                throw new URISyntaxException(url, "expected redis://host:port or rediss://host:port");
            }
            String user = null;
            if (uri.getUserInfo() != null) {
                String[] parts = uri.getUserInfo().split(":", 2);
                user = parts.length == 2 && !parts[0].isEmpty() ? parts[0] : null;
                password = parts.length == 2 ? parts[1] : parts[0];
            }
            return new ServingStoreAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort(),
                    "rediss".equals(scheme), user, password);
        } catch (URISyntaxException e) {
            throw new BadInputException("serving.redis-url is not a Redis URL (" + e.getReason()
                    + "): expected redis://host:port or rediss://host:port");
        }
    }

    Jedis connect() {
        DefaultJedisClientConfig.Builder client = DefaultJedisClientConfig.builder()
                .ssl(tls).timeoutMillis(10_000).clientName("alluvium-realtime");
        if (password != null && !password.isEmpty()) {
            client.user(user).password(password);
        }
        return new Jedis(new HostAndPort(host, port), client.build());
    }

    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + host + ":" + port;
    }
}
