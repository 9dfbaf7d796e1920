package io.alluvium.serving;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.serving.Endpoint.Answer;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.pathmap.UriTemplatePathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Answers every request of {@code alluvium serve} in Jetty's own request handling (no servlet layer: on a small
 * machine that layer cost more CPU than the lookups themselves, docs/benchmarks.md {@code bench serving}): only GET
 * is served, any other method is 405; a GET is routed by its path (templates such as
 * {@code /users/{user_id}/features}) to its {@link Endpoint}, else 404; every answer, errors included, is JSON
 * ({@code {"error", "status"}}, plus {@code "parameter"} for a bad query).
 */
final class ApiHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);

    /** A path template and the endpoint that answers it. */
    record Route(UriTemplatePathSpec path, Endpoint endpoint) {
        Route(String template, Endpoint endpoint) {
            this(new UriTemplatePathSpec(template), endpoint);
        }
    }

    private final Map<String, Route> fixedPaths = new HashMap<>();
    private final List<Route> templates = new ArrayList<>();
    private final String store;

    /** @param store the serving store's address without credentials, named when it fails */
    ApiHandler(List<Route> routes, String store) {
        super(InvocationType.BLOCKING);
        // a path without variables is found by a map lookup; only the others are matched, in the order given
        routes.forEach(route -> {
            if (route.path().getVariableCount() == 0) {
                fixedPaths.put(route.path().getDeclaration(), route);
            } else {
                templates.add(route);
            }
        });
        this.store = store;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        Answer answer;
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, HttpMethod.GET.asString());
            answer = error(HttpStatus.METHOD_NOT_ALLOWED_405, request.getMethod()
                    + " is not allowed: this API is read-only (GET)");
        } else {
            answer = route(path)
                    .map(route -> answer(route, path, request.getHttpURI().getQuery(), request.getMethod()))
                    .orElseGet(() -> error(HttpStatus.NOT_FOUND_404, "no such endpoint: " + path));
        }
        byte[] body;
        try {
            body = HashDecoder.JSON.writeValueAsBytes(answer.body());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree that cannot be written", e);
        }
        response.setStatus(answer.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private Optional<Route> route(String path) {
        Route fixed = fixedPaths.get(path);
        return fixed != null ? Optional.of(fixed)
                : templates.stream().filter(route -> route.path().matches(path)).findFirst();
    }

    private Answer answer(Route route, String path, String query, String method) {
        try {
            return route.endpoint().answer(parameters(query), route.path().getPathParams(path));
        } catch (BadParameter e) {
            ObjectNode body = ServingApi.error(HttpStatus.BAD_REQUEST_400, e.getMessage());
            return new Answer(HttpStatus.BAD_REQUEST_400, body.put("parameter", e.parameter()));
        } catch (StoreContractException e) {
            return failed(method, path, HttpStatus.INTERNAL_SERVER_ERROR_500, e.getMessage(), e);
        } catch (JedisConnectionException | JedisAccessControlException e) {
            return failed(method, path, HttpStatus.SERVICE_UNAVAILABLE_503, "serving store " + store
                    + " unavailable: " + e.getMessage(), e);
        } catch (JedisException e) {
            return failed(method, path, HttpStatus.BAD_GATEWAY_502, "serving store " + store
                    + " answered an error: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            return failed(method, path, HttpStatus.INTERNAL_SERVER_ERROR_500, "internal error ("
                    + e.getClass().getSimpleName() + "); see the log", e);
        }
    }

    /**
     * The query's parameters by name, each with its values in order; a value whose %-escapes do not decode is
     * left out, so that its parameter has no value and {@link Query} says it cannot be read.
     */
    static Map<String, List<String>> parameters(String query) {
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decoded(equals < 0 ? pair : pair.substring(0, equals));
            String value = decoded(equals < 0 ? "" : pair.substring(equals + 1));
            if (name != null) {
                List<String> values = parameters.computeIfAbsent(name, n -> new ArrayList<>());
                if (value != null) {
                    values.add(value);
                }
            }
        }
        return parameters;
    }

    private static String decoded(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Answer error(int status, String message) {
        return new Answer(status, ServingApi.error(status, message));
    }

    private static Answer failed(String method, String path, int status, String message, Exception e) {
        LOG.warn("{} {} -> {}: {}", method, path, status, message, e);
        return error(status, message);
    }
}
