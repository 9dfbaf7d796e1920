package io.alluvium.spark.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The workers a master lists alive, as its web UI's JSON has them ({@code GET /json/}, each with its host, port and
 * state): how a worker knows it can be given executors.
 */
final class RegisteredWorkers {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI state;

    /** @param masterWebUi the master's web UI, {@code http://host:port} */
    RegisteredWorkers(String masterWebUi) {
        this.state = URI.create(masterWebUi + "/json/");
    }

    /** Waits until the master lists the worker at {@code host:port} as ALIVE. */
    void await(String host, int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(state).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && alive(JSON.readTree(answer.body()), host, port)) {
                    return;
                }
                last = "HTTP " + answer.statusCode();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("the worker at " + host + ":" + port + " was not alive at the master ("
                + state + ") after " + timeout.toSeconds() + " s (last answer: " + last + "); is spark-master running?");
    }

    private static boolean alive(JsonNode master, String host, int port) {
        for (JsonNode worker : master.path("workers")) {
            if (worker.path("host").asText().equals(host) && worker.path("port").asInt() == port
                    && worker.path("state").asText().equals("ALIVE")) {
                return true;
            }
        }
        return false;
    }
}
