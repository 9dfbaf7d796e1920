package io.alluvium.cli;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.CatalogProperties;
import io.alluvium.runtime.KafkaEndpoints;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Optional;

/**
 * Checks, before a job starts an engine, that the services it needs answer: a job against a broker
 * or catalog that is down would otherwise spend its timeouts and end in a driver's stack trace. The
 * message says which setting points where, and how to start the embedded services.
 */
final class Preflight {
    private static final int CONNECT_TIMEOUT_MS = 3000;

    private Preflight() {
    }

    static void requireKafka(AlluviumConfig config) {
        String servers = KafkaEndpoints.bootstrapServers(config);
        for (String server : servers.split(",")) {
            int colon = server.lastIndexOf(':');
            if (colon > 0 && reachable(server.substring(0, colon).trim(), Integer.parseInt(server.substring(colon + 1).trim()))) {
                return;
            }
        }
        throw new UserError("cannot reach Kafka at " + servers + " (" + (KafkaEndpoints.embeddedBroker(config)
                ? AlluviumSettings.KAFKA_PORT + "): the embedded broker is not running; start it with `alluvium up`"
                : AlluviumSettings.KAFKA_BOOTSTRAP + "): check the address and that the cluster is up"));
    }

    static void requireCatalog(AlluviumConfig config) {
        String url = CatalogProperties.jdbcUrl(config);
        Optional<URI> target = hostAndPort(url);
        if (target.isEmpty() || reachable(target.get().getHost(), target.get().getPort())) {
            return;
        }
        throw new UserError("cannot reach the catalog database at " + target.get().getHost() + ":" + target.get().getPort()
                + " (" + (CatalogProperties.embeddedDatabase(config)
                ? AlluviumSettings.CATALOG_POSTGRES_PORT + "): the embedded PostgreSQL is not running; start it with `alluvium up`"
                : AlluviumSettings.CATALOG_JDBC_URL + "): check the URL and that the database is up"));
    }

    static void requireServingStore(AlluviumConfig config) {
        String url = config.getString(AlluviumSettings.SERVING_REDIS_URL);
        URI target;
        try {
            target = url.isEmpty() ? URI.create("redis://127.0.0.1:" + config.getInt(AlluviumSettings.SERVING_PORT))
                    : URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UserError(AlluviumSettings.SERVING_REDIS_URL + " is not a URL: " + e.getMessage());
        }
        int port = target.getPort() < 0 ? 6379 : target.getPort();
        if (target.getHost() != null && reachable(target.getHost(), port)) {
            return;
        }
        throw new UserError("cannot reach the serving store at " + target.getHost() + ":" + port + " ("
                + (url.isEmpty() ? AlluviumSettings.SERVING_PORT
                        + "): the embedded redis-server is not running; start it with `alluvium up`"
                        : AlluviumSettings.SERVING_REDIS_URL + "): check the URL and that Redis is up"));
    }

    /** host and port of a network JDBC URL; empty for file-based ones (SQLite). */
    private static Optional<URI> hostAndPort(String jdbcUrl) {
        if (!jdbcUrl.startsWith("jdbc:")) {
            return Optional.empty();
        }
        try {
            URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
            return uri.getHost() == null || uri.getPort() < 0 ? Optional.empty() : Optional.of(uri);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
