package io.alluvium.serving;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Makes a {@link LoadTest}'s lookups as a client of {@code alluvium serve} would: a GET of the API with the JDK's
 * HTTP client (HTTP/1.1, connections kept alive), the whole body read. Found means 200.
 */
public final class HttpReader implements LoadTest.Reader {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).build();

    /** @param baseUrl the API's base, e.g. {@code http://127.0.0.1:8089/api/v1} ({@link ServingApi#url()}) */
    public HttpReader(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public boolean lookup(ServingLookup lookup) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + lookup.path())).timeout(TIMEOUT).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray()).statusCode() == 200;
    }
}
