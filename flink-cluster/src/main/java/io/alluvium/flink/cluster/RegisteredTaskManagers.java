package io.alluvium.flink.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The TaskManagers a JobManager has registered, as its REST API lists them ({@code GET /taskmanagers}, each
 * with its resource id): how a TaskManager knows it can be given work.
 */
final class RegisteredTaskManagers {
    private static final Duration POLL = Duration.ofMillis(200);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final URI list;

    /** @param jobManager host:port of the JobManager's REST API */
    RegisteredTaskManagers(String jobManager) {
        this.list = URI.create("http://" + jobManager + "/taskmanagers");
    }

    /** Waits until the JobManager lists TaskManager {@code id}. */
    void await(String id, Duration timeout) throws InterruptedException {
        Pattern listed = Pattern.compile("\"id\"\\s*:\\s*\"" + Pattern.quote(id) + "\"");
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(list).timeout(Duration.ofSeconds(5))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && listed.matcher(answer.body()).find()) {
                    return;
                }
                last = "HTTP " + answer.statusCode();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new IllegalStateException("TaskManager " + id + " was not registered with the JobManager at " + list
                + " after " + timeout.toSeconds() + " s (last answer: " + last + "); is flink-jobmanager running?");
    }
}
