package io.alluvium.serving;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.util.JavalinBindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * {@code alluvium serve}'s HTTP server: the read-only JSON API over the {@link SpeedView} (Javalin on Jetty),
 * under {@value #PREFIX}. Only GET is served (any other method on a path is 405); every answer, errors
 * included, is JSON: {@code {"error": ..., "status": ...}}, plus {@code "parameter"} for a bad query (400).
 */
public final class ServingApi implements AutoCloseable {
    public static final String PREFIX = "/api/v1";
    private static final Logger LOG = LoggerFactory.getLogger(ServingApi.class);

    private final Javalin app;
    private final String host;

    private ServingApi(Javalin app, String host) {
        this.app = app;
        this.host = host;
    }

    /**
     * Starts serving on {@code host:port} (port 0: any free port), city sales per hour from {@code served}.
     *
     * @throws CannotListen when the port is taken, the address is not this machine's, or binding is not permitted
     */
    public static ServingApi start(SpeedView view, ServedView served, String host, int port) {
        SpeedEndpoints endpoints = new SpeedEndpoints(view, new CityHourReads(view, served));
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = host;
            cfg.jetty.port = port;
            cfg.http.prefer405over404 = true;
            cfg.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            cfg.routes.get(PREFIX + "/health", endpoints::health);
            cfg.routes.get(PREFIX + "/cities/hours", endpoints.range(CitySeries.CITY_HOUR));
            cfg.routes.get(PREFIX + "/cities/minutes", endpoints.range(CitySeries.CITY_MINUTE));
            cfg.routes.get(PREFIX + "/funnel/hours", endpoints.range(CitySeries.FUNNEL_HOUR));
            cfg.routes.get(PREFIX + "/funnel/minutes", endpoints.range(CitySeries.FUNNEL_MINUTE));
            cfg.routes.get(PREFIX + "/users/{user_id}/features", endpoints::userFeatures);
            cfg.routes.get(PREFIX + "/alerts", endpoints::alerts);
            cfg.routes.get(PREFIX + "/counts", endpoints::counts);
            // last: any other GET is an unknown path, and any other method on any path is 405
            cfg.routes.get("/*", ctx -> ctx.status(HttpStatus.NOT_FOUND)
                    .json(error(HttpStatus.NOT_FOUND, "no such endpoint: " + ctx.path())));
            cfg.routes.error(HttpStatus.METHOD_NOT_ALLOWED.getCode(), ctx -> ctx.json(error(
                    HttpStatus.METHOD_NOT_ALLOWED, ctx.method() + " is not allowed: this API is read-only (GET)")));
            cfg.routes.exception(BadParameter.class, (e, ctx) -> ctx.status(HttpStatus.BAD_REQUEST)
                    .json(error(HttpStatus.BAD_REQUEST, e.getMessage()).put("parameter", e.parameter())));
            cfg.routes.exception(StoreContractException.class, (e, ctx) -> fail(ctx, HttpStatus.INTERNAL_SERVER_ERROR,
                    e.getMessage(), e));
            cfg.routes.exception(JedisException.class, (e, ctx) -> storeFailure(ctx, view, e));
            cfg.routes.exception(Exception.class, (e, ctx) -> fail(ctx, HttpStatus.INTERNAL_SERVER_ERROR,
                    "internal error (" + e.getClass().getSimpleName() + "); see the log", e));
        });
        try {
            app.start();
        } catch (JavalinBindException e) {
            app.stop();
            throw CannotListen.of(host, port, e);
        }
        return new ServingApi(app, host);
    }

    /** The base URL of the API, e.g. {@code http://127.0.0.1:8089/api/v1}. */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + PREFIX;
    }

    public int port() {
        return app.port();
    }

    static ObjectNode error(HttpStatus status, String message) {
        return error(status.getCode(), message);
    }

    static ObjectNode error(int status, String message) {
        return HashDecoder.JSON.createObjectNode().put("error", message).put("status", status);
    }

    private static void storeFailure(Context ctx, SpeedView view, JedisException e) {
        if (e instanceof JedisConnectionException || e instanceof JedisAccessControlException) {
            fail(ctx, HttpStatus.SERVICE_UNAVAILABLE, "serving store " + view.endpoint() + " unavailable: "
                    + e.getMessage(), e);
        } else {
            fail(ctx, HttpStatus.BAD_GATEWAY, "serving store " + view.endpoint() + " answered an error: "
                    + e.getMessage(), e);
        }
    }

    private static void fail(Context ctx, HttpStatus status, String message, Exception e) {
        LOG.warn("{} {} -> {}: {}", ctx.method(), ctx.path(), status.getCode(), message, e);
        ctx.status(status).json(error(status, message));
    }

    @Override
    public void close() {
        app.stop();
    }
}
