package io.alluvium.runtime;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.config.ConfigException;
import io.alluvium.config.Password;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the serving store is, read once from the settings for every reader of it (the CLI's preflight,
 * {@code serve}, {@code watch}, {@code bench serving}): {@code serving.redis-url} (ElastiCache, MemoryDB, any
 * Redis or Valkey; {@code rediss://} for TLS), or else the embedded redis-server on 127.0.0.1:{@code serving.port}.
 * The password comes from the URL's user info or {@code serving.password}, else, for the embedded store, from the
 * data directory's {@link GeneratedPassword#serving generated one}; it never appears in
 * {@link #toString()} or in an error message. Connections to it are opened by {@link ServingStoreConnections}; it
 * is serializable so that the realtime job's sink can carry it to where it runs.
 *
 * @param user     the ACL user, or null for the default user
 * @param embedded true when no URL is set, so that the embedded store is meant
 */
public record ServingEndpoint(String host, int port, boolean tls, String user, Password password, boolean embedded)
        implements Serializable {
    public static final int REDIS_DEFAULT_PORT = 6379;

    public static ServingEndpoint of(AlluviumConfig config) {
        String url = config.getString(AlluviumSettings.SERVING_REDIS_URL).strip();
        Password password = config.getPassword(AlluviumSettings.SERVING_PASSWORD);
        if (url.isEmpty()) {
            return new ServingEndpoint("127.0.0.1", config.getInt(AlluviumSettings.SERVING_PORT), false, null,
                    password.isEmpty() ? GeneratedPassword.serving(DataDir.of(config)).value() : password, true);
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || !("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))
                || uri.getHost() == null) {
            // the URL itself is not repeated: it may hold the password
            throw new ConfigException(AlluviumSettings.SERVING_REDIS_URL, "",
                    "not a Redis URL: expected redis://host:port or rediss://host:port");
        }
        String user = null;
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts.length == 2 && !parts[0].isEmpty() ? parts[0] : null;
            password = new Password(parts.length == 2 ? parts[1] : parts[0]);
        }
        return new ServingEndpoint(uri.getHost(), uri.getPort() < 0 ? REDIS_DEFAULT_PORT : uri.getPort(),
                "rediss".equals(uri.getScheme()), user, password, false);
    }

    /** The setting that points here, named when the store cannot be reached. */
    public String settingKey() {
        return embedded ? AlluviumSettings.SERVING_PORT : AlluviumSettings.SERVING_REDIS_URL;
    }

    /**
     * What to tell a user whose credentials this store refused ({@code why}: the store's answer), naming the
     * settings to fix: the same words from every command that reads the store.
     */
    public String credentialsRefused(String why) {
        return "the serving store at " + this + " refused the credentials (" + why + "): check "
                + AlluviumSettings.SERVING_PASSWORD + " or the user info of " + AlluviumSettings.SERVING_REDIS_URL;
    }

    /** {@code redis://host:port}: never the user or password. */
    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + host + ":" + port;
    }
}
