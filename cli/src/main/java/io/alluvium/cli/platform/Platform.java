package io.alluvium.cli.platform;

import io.alluvium.cli.Console;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.EmbeddedKafka;
import io.alluvium.runtime.KafkaEndpoints;
import io.alluvium.runtime.ProcessMemory;
import io.alluvium.runtime.ServiceProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Starts, inspects and stops the embedded services of one data directory ({@code up}, {@code status},
 * {@code down}). A service whose pid file outlived its process is reported as crashed, not as running.
 * Starting is all or nothing: every port is checked before the first service starts, and when a service
 * fails to start anyway, those this call had started are stopped again.
 */
public final class Platform {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    /**
     * One row of {@code status}.
     *
     * @param health what an embedded cluster reports of a running process of its own ({@link ClusterHealth}): the
     *               Flink and Spark clusters' processes, the Kafka cluster's nodes; else null
     */
    public record ServiceState(String name, String state, String health, Long pid, int port, String portKey,
                               String login) {
    }

    private final AlluviumConfig config;
    private final DataDir dataDir;

    public Platform(AlluviumConfig config) {
        this.config = config;
        this.dataDir = DataDir.of(config).create();
    }

    public List<EmbeddedService> services() {
        return EmbeddedService.of(config);
    }

    public ServiceProcess process(EmbeddedService service) {
        return new ServiceProcess(service.name(), dataDir);
    }

    /**
     * Starts what is not running yet.
     *
     * @return the services this call started (a caller such as {@code demo} stops exactly these)
     */
    public List<EmbeddedService> up(Console console) {
        return up(console, service -> true);
    }

    /** Starts those of the services that {@code wanted} selects and that are not running yet. */
    public List<EmbeddedService> up(Console console, Predicate<EmbeddedService> wanted) {
        List<EmbeddedService> toStart = new ArrayList<>();
        for (EmbeddedService service : services().stream().filter(wanted).toList()) {
            ServiceProcess process = process(service);
            if (process.running().isPresent()) {
                console.step(service.name() + " already running (pid " + process.pid().orElse(-1L) + ")");
                continue;
            }
            if (process.stale()) {
                console.step(service.name() + " had stopped unexpectedly (stale pid " + process.pid().orElse(-1L)
                        + "); restarting it");
                process.stop(Duration.ZERO);
            }
            toStart.add(service);
        }
        if (KafkaEndpoints.embeddedBroker(config)) {
            EmbeddedKafka.of(config).requireSameShape(dataDir);
        }
        FreePorts.require(toStart);
        List<EmbeddedService> started = new ArrayList<>();
        try {
            for (List<EmbeddedService> group : together(toStart)) {
                List<ServiceProcess.Launched> launched = new ArrayList<>();
                for (EmbeddedService service : group) {
                    console.step("starting " + service.name() + " on 127.0.0.1:" + service.port());
                    launched.add(process(service).launch(service.jvm(), config));
                    started.add(service);
                }
                for (ServiceProcess.Launched service : launched) {
                    service.awaitReady(START_TIMEOUT);
                }
            }
        } catch (RuntimeException e) {
            down(started, console);
            throw e;
        }
        return started;
    }

    /**
     * The services in order, each alone but the members of a quorum next to each other, together: they start
     * together (none is ready before a majority runs) and stop together (the last one alone could not leave the
     * quorum cleanly, and would wait out the grace period).
     */
    private static List<List<EmbeddedService>> together(List<EmbeddedService> services) {
        List<List<EmbeddedService>> groups = new ArrayList<>();
        for (EmbeddedService service : services) {
            List<EmbeddedService> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (last != null && service.quorumMember() && last.get(0).quorumMember()) {
                last.add(service);
            } else {
                groups.add(new ArrayList<>(List.of(service)));
            }
        }
        return groups;
    }

    public List<ServiceState> status() {
        List<ServiceState> rows = new ArrayList<>();
        List<ClusterHealth> clusters = clusterHealth();
        for (EmbeddedService service : services()) {
            ServiceProcess process = process(service);
            boolean running = process.running().isPresent();
            String state = running ? "running" : process.stale() ? "crashed" : "stopped";
            String health = running ? clusters.stream().flatMap(c -> c.of(service.name()).stream()).findFirst()
                    .orElse(null) : null;
            rows.add(new ServiceState(service.name(), state, health, running ? process.pid().orElse(null) : null,
                    service.port(), service.portKey(), service.login()));
        }
        return rows;
    }

    /** What the embedded clusters that are enabled say of their processes' health. */
    private List<ClusterHealth> clusterHealth() {
        List<ClusterHealth> clusters = new ArrayList<>();
        if (config.getBoolean(AlluviumSettings.FLINK_CLUSTER_EMBEDDED)) {
            clusters.add(FlinkClusterHealth.probe(config));
        }
        if (config.getBoolean(AlluviumSettings.SPARK_CLUSTER_EMBEDDED)) {
            clusters.add(SparkClusterHealth.probe(config));
        }
        if (KafkaEndpoints.embeddedBroker(config) && !EmbeddedKafka.of(config).single()) {
            clusters.add(KafkaClusterHealth.probe(config));
        }
        return clusters;
    }

    /** Peak resident memory of a running service (and the processes it started), 0 if not running. */
    public long peakRss(EmbeddedService service) {
        return process(service).running().map(ProcessMemory::peakRss).orElse(0L);
    }

    /** Stops the given services, last started first; the members of a quorum together. */
    public void down(List<EmbeddedService> services, Console console) {
        List<EmbeddedService> reversed = new ArrayList<>(services);
        Collections.reverse(reversed);
        for (List<EmbeddedService> group : together(reversed)) {
            List<CompletableFuture<Boolean>> stops = group.stream()
                    .map(service -> CompletableFuture.supplyAsync(() -> process(service).stop(STOP_GRACE))).toList();
            for (int i = 0; i < group.size(); i++) {
                if (stops.get(i).join()) {
                    console.step("stopped " + group.get(i).name());
                }
            }
        }
    }

    public void down(Console console) {
        down(services(), console);
    }

    public String dataDirDescription() {
        return dataDir.root() + " (" + AlluviumSettings.DATA_DIR + ")";
    }
}
