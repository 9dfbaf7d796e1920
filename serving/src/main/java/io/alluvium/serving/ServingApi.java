package io.alluvium.serving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code alluvium serve}'s HTTP server: the read-only JSON API over the {@link SpeedView}, on Jetty, under
 * {@value #PREFIX} (docs/serving-api.md). The routes are listed here; {@link ApiHandler} answers them.
 */
public final class ServingApi implements AutoCloseable {
    public static final String PREFIX = "/api/v1";

    private final Server server;
    private final ServerConnector connector;
    private final String host;

    private ServingApi(Server server, ServerConnector connector, String host) {
        this.server = server;
        this.connector = connector;
        this.host = host;
    }

    /**
     * Starts serving on {@code host:port} (port 0: any free port), city sales per hour from {@code served}.
     *
     * @throws CannotListen when the port is taken, the address is not this machine's, or binding is not permitted
     */
    public static ServingApi start(SpeedView view, ServedView served, String host, int port) {
        SpeedEndpoints endpoints = new SpeedEndpoints(view, new CityHourReads(view, served));
        List<ApiHandler.Route> routes = List.of(
                new ApiHandler.Route(PREFIX + "/health", endpoints::health),
                new ApiHandler.Route(PREFIX + "/cities/hours", endpoints.range(CitySeries.CITY_HOUR)),
                new ApiHandler.Route(PREFIX + "/cities/minutes", endpoints.range(CitySeries.CITY_MINUTE)),
                new ApiHandler.Route(PREFIX + "/funnel/hours", endpoints.range(CitySeries.FUNNEL_HOUR)),
                new ApiHandler.Route(PREFIX + "/funnel/minutes", endpoints.range(CitySeries.FUNNEL_MINUTE)),
                new ApiHandler.Route(PREFIX + "/users/{" + SpeedEndpoints.USER_ID + "}/features", endpoints::userFeatures),
                new ApiHandler.Route(PREFIX + "/alerts", endpoints::alerts),
                new ApiHandler.Route(PREFIX + "/counts", endpoints::counts));
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("serve");
        // no threads kept in reserve to take over the selector's work: with a few cores, waking such a thread for
        // every request cost more than running it (docs/benchmarks.md, bench serving)
        threads.setReservedThreads(0);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setHandler(new ApiHandler(routes, view.endpoint().toString()));
        server.setErrorHandler(new JsonErrorHandler());
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw CannotListen.of(host, port, e);
        }
        return new ServingApi(server, connector, host);
    }

    /** The base URL of the API, e.g. {@code http://127.0.0.1:8089/api/v1}. */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + PREFIX;
    }

    public int port() {
        return connector.getLocalPort();
    }

    static ObjectNode error(int status, String message) {
        return HashDecoder.JSON.createObjectNode().put("error", message).put("status", status);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            // the start failed already; that failure is the one reported
        }
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the serving API did not stop", e);
        }
    }
}
