package io.alluvium.cli.bench;

import io.alluvium.cli.Console;
import io.alluvium.cli.JobFailure;
import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.UserError;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.ExitCode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alluvium bench}: measures Alluvium against a baseline in the same run on the same machine, and
 * writes the figures where {@code alluvium design --calibration} reads them. A missed target is printed
 * plainly but does not fail the command: a bench measures, it does not gate. A bench that fails does
 * (exit 1), after the others have run and their figures are printed and written.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmark Alluvium against a baseline in the same run: ingest (generator vs Kafka's "
                + "ProducerPerformance), landing (Flink → Bronze vs a plain consumer and a plain Iceberg writer), "
                + "batch (Silver + Gold vs one hand-written Spark SQL script), pipeline (the platform's pipeline "
                + "run by the orchestrator vs its tasks run by hand, back to back), maintenance (queries on 10,000 "
                + "small files vs compacted, compaction vs a plain Spark copy), skew (a join by a hot user, plain vs "
                + "salted), "
                + "realtime (freshness send → serving store at rising rates, throughput with the serving store vs a "
                + "discarding sink, a burst at twice the sustainable rate), serving (lookups through `alluvium serve`'s "
                + "HTTP API vs the same lookups straight from Redis); all runs them but pipeline (about half an hour of Spark steps: run it alone).",
            "Contenders run in alternating rounds, baseline first, at least 3 each, each round at least 10 s of "
                + "work (sized by a calibration round, repeated, or long by nature: a pipeline); figures are the "
                + "medians of the rounds, with their spread, and every ratio is of medians.",
            "Each bench runs on services of its own in <data.dir>/bench, which is SCRATCH: wiped at the start "
                + "of every bench. Stop a running platform first (alluvium down) or give the bench other ports "
                + "with --set.",
            "Results: tables (or --json), and a file for `alluvium design --calibration FILE`: "
                + "<data.dir>/reports/bench/<time>.json unless --out is given."})
public final class BenchCommand extends PlatformCommand {
    static final String ALL = "all";
    static final long MAX_EVENTS = 1_000_000_000L;
    static final long MAX_RATE = 10_000_000L;
    static final long MAX_SECONDS = 3600;
    static final int MAX_CLIENTS = 256;

    @Parameters(index = "0", paramLabel = "BENCH", description = "ingest, landing, batch, pipeline, maintenance, skew, realtime, serving or all.")
    String which;

    @Option(names = "--events", paramLabel = "N",
            description = "Fixed work per round, for a small test run, instead of rounds sized to last at least "
                    + "10 s each: events per round (ingest), events generated (landing, batch, pipeline, maintenance, "
                    + "skew, realtime), lookups per contender and round (serving).")
    Long events;

    @Option(names = "--rate", paramLabel = "EVENTS_PER_S", defaultValue = "60000",
            description = "realtime: the highest input rate of its live steps, which run at 20, 40, 60, 80 and "
                    + "100 %% of it until one is overloaded, then a burst at twice the highest rate sustained "
                    + "(default: ${DEFAULT-VALUE}).")
    long rate;

    @Option(names = "--seconds", paramLabel = "S", defaultValue = "30",
            description = "realtime: seconds of each live step; an overloaded one ends sooner (default: ${DEFAULT-VALUE}).")
    long seconds;

    @Option(names = "--clients", paramLabel = "C", defaultValue = "8",
            description = "bench serving: concurrent clients, over HTTP and directly (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the results here instead.")
    Path out;

    @Override
    public Integer call() {
        List<Bench> benches = selected();
        if (events != null && (events < 1 || events > MAX_EVENTS)) {
            throw new UserError("--events must be between 1 and " + MAX_EVENTS + ", got " + events);
        }
        if (rate < 5 || rate > MAX_RATE) {
            throw new UserError("--rate must be between 5 and " + MAX_RATE + " events/s, got " + rate);
        }
        if (seconds < 1 || seconds > MAX_SECONDS) {
            throw new UserError("--seconds must be between 1 and " + MAX_SECONDS + ", got " + seconds);
        }
        if (clients < 1 || clients > MAX_CLIENTS) {
            throw new UserError("--clients must be between 1 and " + MAX_CLIENTS + ", got " + clients);
        }
        long rendered = EngineBench.largestRealtimeStep(rate, seconds);
        boolean realtime = benches.stream().anyMatch(b -> b.name().equals(EngineBench.REALTIME));
        if (realtime && rendered > EngineBench.MAX_RENDERED_RECORDS) {
            throw new UserError(String.format(Locale.ROOT, "bench realtime renders each step's records in memory "
                    + "before sending them; its largest step (the top step, or the burst at 2 × --rate for --seconds, "
                    + "10 s at most) would be %,d records, more than "
                    + "%,d: lower --rate or --seconds", rendered, EngineBench.MAX_RENDERED_RECORDS));
        }
        AlluviumConfig config = config();
        Console console = console();
        Instant startedAt = Instant.now();
        Map<String, String> notRun = new LinkedHashMap<>();
        List<Bench> runnable = new ArrayList<>();
        for (Bench bench : benches) {
            bench.unavailable().ifPresentOrElse(why -> notRun.put(bench.name(), why), () -> runnable.add(bench));
        }
        if (runnable.isEmpty()) {
            throw new JobFailure(notRun.entrySet().stream().map(e -> "bench " + e.getKey() + " cannot run: " + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        notRun.forEach((bench, why) -> console.step("bench " + bench + " cannot run: " + why));
        List<BenchReport> reports = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        for (Bench bench : runnable) {
            console.step("bench " + bench.name() + ": scratch platform in " + DataDir.of(config).root()
                    .resolve(BenchPlatform.DIR));
            try (BenchPlatform platform = BenchPlatform.start(config, console, bench)) {
                reports.add(bench.run(platform.config(), events == null ? OptionalLong.empty() : OptionalLong.of(events),
                        console));
            } catch (JobFailure | IllegalStateException | UncheckedIOException e) {
                // the other benches still run, and what they measured is still reported
                console.error("bench " + bench.name() + " failed: " + e.getMessage());
                failed.put(bench.name(), e.getMessage());
            }
        }
        BenchResults results = new BenchResults(startedAt, reports, notRun, failed);
        Path file = out != null ? out : BenchResults.defaultFile(DataDir.of(config).reports(), startedAt);
        results.writeTo(file);
        if (console.json()) {
            console.printJson(results.toJson());
        } else {
            results.print(console);
        }
        console.info("Results written to " + file + " (use: alluvium design --calibration " + file + ")");
        return failed.isEmpty() ? ExitCode.OK.code() : ExitCode.FAILED.code();
    }

    private List<Bench> selected() {
        List<Bench> all = Bench.all(rate, seconds, clients);
        if (ALL.equals(which)) {
            return all.stream().filter(Bench::inAll).toList();
        }
        return all.stream().filter(b -> b.name().equals(which)).findFirst().map(List::of)
                .orElseThrow(() -> new UserError("unknown bench \"" + which + "\" (expected "
                        + all.stream().map(Bench::name).collect(Collectors.joining(", ")) + " or " + ALL + ")"));
    }
}
