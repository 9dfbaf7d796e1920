package io.alluvium.cli.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.EmbeddedFlinkCluster;
import io.alluvium.runtime.ServiceJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The health of the embedded Flink session cluster's processes as its JobManager sees them ({@code alluvium
 * status}): whether its REST API answers, its TaskManagers and slots, and for each TaskManager whether it is
 * registered. A TaskManager whose process runs but that the JobManager has lost (or never got) gives no slots.
 */
final class FlinkClusterHealth implements ClusterHealth {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode overview;
    private final Set<String> registered;

    private FlinkClusterHealth(JsonNode overview, Set<String> registered) {
        this.overview = overview;
        this.registered = registered;
    }

    /** Asks the embedded JobManager's REST API; a JobManager that does not answer is health too. */
    static FlinkClusterHealth probe(AlluviumConfig config) {
        String rest = "http://" + EmbeddedFlinkCluster.HOST + ":" + config.getInt(AlluviumSettings.FLINK_CLUSTER_PORT);
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        try {
            JsonNode overview = get(http, rest + "/overview");
            Set<String> registered = new HashSet<>();
            get(http, rest + "/taskmanagers").path("taskmanagers").forEach(tm -> registered.add(tm.path("id").asText()));
            return new FlinkClusterHealth(overview, registered);
        } catch (IOException e) {
            return new FlinkClusterHealth(null, Set.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new FlinkClusterHealth(null, Set.of());
        }
    }

    private static JsonNode get(HttpClient http, String url) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IOException(url + ": HTTP " + answer.statusCode());
        }
        return JSON.readTree(answer.body());
    }

    @Override
    public Optional<String> of(String name) {
        if (name.equals(ServiceJvm.FLINK_JOBMANAGER.processName())) {
            return Optional.of(overview == null ? "REST API does not answer"
                    : overview.path("taskmanagers").asInt() + " TaskManagers, " + overview.path("slots-available").asInt()
                            + " of " + overview.path("slots-total").asInt() + " slots free, "
                            + overview.path("jobs-running").asInt() + " jobs running");
        }
        if (name.startsWith(ServiceJvm.FLINK_TASKMANAGER.processName())) {
            return Optional.of(overview == null ? "JobManager does not answer"
                    : registered.contains(name) ? "registered" : "not registered with the JobManager");
        }
        return Optional.empty();
    }
}
