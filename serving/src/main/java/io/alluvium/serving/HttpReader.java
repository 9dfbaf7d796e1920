package io.alluvium.serving;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Makes a {@link LoadTest}'s lookups as a client of {@code alluvium serve} would: a GET of the API with the JDK's
 * HTTP client (HTTP/1.1, connections kept alive), the JSON answer parsed. Found means a 200 that holds what was
 * asked for ({@link ServingLookup#found}). The client's own work
 * runs on two threads of its own: its default, a new thread per burst of answers, costs the machine (and so the
 * server measured beside it) more than the lookups themselves.
 */
public final class HttpReader implements LoadTest.Reader, AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int CLIENT_THREADS = 2;

    private final String baseUrl;
    private final ExecutorService executor = Executors.newFixedThreadPool(CLIENT_THREADS, task -> {
        Thread thread = new Thread(task, "http-reader");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT).executor(executor).build();

    /** @param baseUrl the API's base, e.g. {@code http://127.0.0.1:8089/api/v1} ({@link ServingApi#url()}) */
    public HttpReader(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public boolean lookup(ServingLookup lookup) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + lookup.path())).timeout(TIMEOUT).GET().build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return response.statusCode() == 200 && lookup.found(HashDecoder.JSON.readTree(response.body()));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
