package io.alluvium.cli.bench;

import io.alluvium.cli.Console;
import io.alluvium.cli.platform.EmbeddedService;
import io.alluvium.config.AlluviumConfig;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One benchmark of {@code alluvium bench}: it runs on a scratch platform of its own (started and stopped
 * by {@link BenchPlatform}) and compares Alluvium with a baseline on the same machine, data and run.
 */
interface Bench {
    /**
     * Without {@code --events}, the events a bench starts from: ingest's calibration round sends them, landing
     * and realtime add to them until a round lasts long enough, batch and pipeline build from them.
     */
    long START_EVENTS = 200_000;

    /**
     * ingest, landing, batch, pipeline, maintenance, skew, realtime, serving: in the order {@code bench all} runs
     * them (all but pipeline); the realtime bench's live steps go up to {@code realtimeRate} events/s, {@code realtimeSeconds} each;
     * {@code bench serving} runs {@code servingClients} concurrent clients.
     */
    static List<Bench> all(long realtimeRate, long realtimeSeconds, int servingClients) {
        return List.of(new IngestBench(), EngineBench.LANDING, EngineBench.BATCH, new PipelineBench(),
                EngineBench.MAINTENANCE, EngineBench.SKEW, EngineBench.realtime(realtimeRate, realtimeSeconds),
                new ServingBench(servingClients));
    }

    String name();

    /** Whether {@code bench all} runs it; {@code bench pipeline}, half an hour of Spark steps, runs alone. */
    default boolean inAll() {
        return true;
    }

    /** Whether this bench runs on {@code service}; by default it needs every service of the platform. */
    default boolean needs(EmbeddedService service) {
        return true;
    }

    /** Why this bench cannot run in this installation (e.g. its module is not built), or empty. */
    Optional<String> unavailable();

    /**
     * Measures on a started platform whose data directory is scratch.
     *
     * @param events {@code --events}: fixed work per round, for a small test run; empty for rounds sized to
     *               last at least 10 s each (docs/benchmarks.md, "How the benches measure")
     */
    BenchReport run(AlluviumConfig config, OptionalLong events, Console console);
}
