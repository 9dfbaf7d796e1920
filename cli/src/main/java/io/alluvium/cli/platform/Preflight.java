package io.alluvium.cli.platform;

import io.alluvium.cli.UserError;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.CatalogProperties;
import io.alluvium.runtime.FlinkCluster;
import io.alluvium.runtime.KafkaEndpoints;
import io.alluvium.runtime.ServingEndpoint;
import io.alluvium.runtime.SparkMaster;
import io.alluvium.serving.SpeedView;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Optional;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Checks, before a job starts an engine, that the services it needs answer: a job against a broker
 * or catalog that is down would otherwise spend its timeouts and end in a driver's stack trace. The
 * message says which setting points where, and how to start the embedded services.
 */
public final class Preflight {
    private static final int CONNECT_TIMEOUT_MS = 3000;

    private Preflight() {
    }

    public static void requireKafka(AlluviumConfig config) {
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

    /**
     * The Flink session cluster the stream jobs go to (flink.cluster, or the embedded one) answers, when there is
     * one: a job would otherwise wait out the REST client's retries before it says so.
     */
    public static void requireFlinkCluster(AlluviumConfig config) {
        Optional<FlinkCluster> cluster = FlinkCluster.of(config);
        if (cluster.isEmpty() || reachable(cluster.get().host(), cluster.get().port())) {
            return;
        }
        throw new UserError("cannot reach the Flink cluster's REST API at " + cluster.get() + " ("
                + cluster.get().settingKey() + (cluster.get().embedded()
                        ? "): the embedded Flink cluster is not running; start it with `alluvium up`"
                        : "): check the address and that the JobManager is up"));
    }

    /**
     * The Spark standalone master the batch jobs go to (spark.master, or the embedded one) answers, when there is
     * one: a driver would otherwise retry for a minute before it gives up.
     */
    public static void requireSparkMaster(AlluviumConfig config) {
        SparkMaster master = SparkMaster.of(config);
        Optional<URI> address = master.standalone();
        if (address.isEmpty() || reachable(address.get().getHost(), address.get().getPort())) {
            return;
        }
        throw new UserError("cannot reach the Spark master at " + master + " (" + master.settingKey()
                + (master.embedded() ? "): the embedded Spark cluster is not running; start it with `alluvium up`"
                        : "): check the address and that the master is up"));
    }

    /** The catalog database answers, and so does the embedded object store when it holds the warehouse. */
    public static void requireCatalog(AlluviumConfig config) {
        int objectStore = config.getInt(AlluviumSettings.OBJECT_STORE_PORT);
        if (config.getBoolean(AlluviumSettings.OBJECT_STORE_EMBEDDED) && !reachable("127.0.0.1", objectStore)) {
            throw new UserError("cannot reach the object store at 127.0.0.1:" + objectStore + " ("
                    + AlluviumSettings.OBJECT_STORE_PORT + "): the embedded object store is not running; start it"
                    + " with `alluvium up`");
        }
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

    public static void requireServingStore(AlluviumConfig config) {
        ServingEndpoint store = ServingEndpoint.of(config);
        if (reachable(store.host(), store.port())) {
            return;
        }
        throw new UserError("cannot reach the serving store at " + store.host() + ":" + store.port() + " ("
                + store.settingKey() + (store.embedded()
                        ? "): the embedded redis-server is not running; start it with `alluvium up`"
                        : "): check the URL and that Redis is up"));
    }

    /**
     * The serving store answers PING with the credentials, for a command that reads it later in an engine
     * ({@code reconcile}): a store that is down, or that refuses the password, is bad input to fix before Spark
     * starts, as it is for {@code watch} and {@code serve}.
     */
    public static void requireServingStoreAccess(AlluviumConfig config) {
        speedView(config, 1).close();
    }

    /**
     * A reader of the serving store that answered PING: a store that is down, or that refuses the password, is one
     * message naming the setting, before anything is served or shown.
     */
    public static SpeedView speedView(AlluviumConfig config, int connections) {
        requireServingStore(config);
        ServingEndpoint store = ServingEndpoint.of(config);
        SpeedView view = SpeedView.open(store, connections);
        try {
            view.ping();
            return view;
        } catch (JedisAccessControlException e) {
            view.close();
            throw new UserError(store.credentialsRefused(e.getMessage()));
        } catch (JedisException e) {
            view.close();
            throw new UserError("the serving store at " + store + " does not answer (" + e.getMessage() + "; "
                    + store.settingKey() + ")");
        }
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
