package io.alluvium.cli.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.EmbeddedSparkCluster;
import io.alluvium.runtime.ServiceJvm;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/**
 * The health of the embedded Spark standalone cluster's processes as its master sees them ({@code alluvium status},
 * from the master web UI's {@code /json/}): its alive workers, free cores and running applications, and for each
 * worker its state at the master. A worker whose process runs but that the master has lost gets no executors.
 */
final class SparkClusterHealth implements ClusterHealth {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AlluviumConfig config;
    /** The master's state; null when it does not answer. */
    private final JsonNode master;

    private SparkClusterHealth(AlluviumConfig config, JsonNode master) {
        this.config = config;
        this.master = master;
    }

    /** Asks the embedded master; a master that does not answer is health too. */
    static SparkClusterHealth probe(AlluviumConfig config) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(EmbeddedSparkCluster.masterWebUi(config) + "/json/"))
                .timeout(TIMEOUT).GET().build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new SparkClusterHealth(config, answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null);
        } catch (IOException e) {
            return new SparkClusterHealth(config, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SparkClusterHealth(config, null);
        }
    }

    @Override
    public Optional<String> of(String name) {
        if (name.equals(ServiceJvm.SPARK_MASTER.processName())) {
            return Optional.of(master == null ? "web UI does not answer"
                    : master.path("aliveworkers").asInt() + " workers alive, "
                            + (master.path("cores").asInt() - master.path("coresused").asInt()) + " of "
                            + master.path("cores").asInt() + " cores free, " + master.path("activeapps").size()
                            + " applications running");
        }
        String worker = ServiceJvm.SPARK_WORKER.processName() + "-";
        if (name.startsWith(worker)) {
            int port = EmbeddedSparkCluster.workerPort(config, Integer.parseInt(name.substring(worker.length())));
            return Optional.of(master == null ? "master does not answer" : stateAtMaster(port));
        }
        return Optional.empty();
    }

    private String stateAtMaster(int port) {
        for (JsonNode worker : master.path("workers")) {
            if (worker.path("host").asText().equals(EmbeddedSparkCluster.HOST) && worker.path("port").asInt() == port
                    && worker.path("state").asText().equals("ALIVE")) {
                return "alive, " + worker.path("coresused").asInt() + " of " + worker.path("cores").asInt()
                        + " cores used";
            }
        }
        return "not alive at the master";
    }
}
