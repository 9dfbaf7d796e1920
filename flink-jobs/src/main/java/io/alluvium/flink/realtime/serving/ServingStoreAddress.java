package io.alluvium.flink.realtime.serving;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.ConfigException;
import io.alluvium.runtime.ChildProtocol.BadInputException;
import io.alluvium.runtime.ServingEndpoint;
import io.alluvium.runtime.ServingStoreConnections;
import java.io.Serializable;
import redis.clients.jedis.Jedis;

/**
 * The realtime job's serving store: the {@link ServingEndpoint} its settings name ({@code serving.redis-url}, or
 * the embedded redis-server on 127.0.0.1:{@code serving.port}), carried into the job's sink and opened as the
 * client {@code alluvium-realtime}. A {@code serving.redis-url} that is not a Redis URL is the job's bad input
 * (exit 2, one line naming the setting). Never shows the password ({@link ServingEndpoint#toString()}).
 */
public record ServingStoreAddress(ServingEndpoint endpoint) implements Serializable {

    public static ServingStoreAddress of(AlluviumConfig config) {
        try {
            return new ServingStoreAddress(ServingEndpoint.of(config));
        } catch (ConfigException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    public Jedis connect() {
        return ServingStoreConnections.connect(endpoint, "alluvium-realtime");
    }

    @Override
    public String toString() {
        return endpoint.toString();
    }
}
