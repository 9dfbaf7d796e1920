package io.alluvium.cli.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.bench.AlternatingRounds;
import io.alluvium.cli.Console;
import io.alluvium.cli.JobFailure;
import io.alluvium.cli.jobs.PlatformPipeline;
import io.alluvium.cli.jobs.RunEnd;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.orchestrator.Orchestrator;
import io.alluvium.orchestrator.Pipeline;
import io.alluvium.orchestrator.Run;
import io.alluvium.orchestrator.RunState;
import io.alluvium.orchestrator.Task;
import io.alluvium.runtime.ChildJvm;
import io.alluvium.runtime.DataDir;
import io.alluvium.runtime.JobMain;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * {@code bench pipeline}: the orchestration's overhead. The platform's pipeline ({@link PlatformPipeline}: silver →
 * gold → (publish, quality) → maintain) run once through the orchestrator, as {@code pipeline run} runs it — a
 * scheduler instance in this JVM, one triggered run followed to its end — against the same tasks run by hand, back
 * to back ({@link TasksByHand}: each task's own action, in the pipeline's order), on the same Bronze, in alternating
 * rounds, by hand first; the figure is seconds per pipeline, the ratio of medians (target at most 1.1). Each
 * pipeline starts from Bronze alone: after each one its Silver, Quarantine and Gold are counted and dropped
 * ({@link BuiltLake}, unmeasured), and both contenders of a round must have built the same counts.
 */
final class PipelineBench implements Bench {
    static final String NAME = "pipeline";
    static final String BY_HAND = "tasks by hand, back to back";
    static final String ORCHESTRATED = "alluvium pipeline run";
    static final String TARGET = "<= 1.1";
    /** The same-work comparison is 1 (equal counts) or 0; the bench report takes only >= and <= targets. */
    static final String SAME_WORK_TARGET = ">= 1";

    /** One contender's pipeline in one round: how long it took, and what it built. */
    record PipelineRound(double seconds, BuiltLake lake) {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean inAll() {
        return false;
    }

    @Override
    public Optional<String> unavailable() {
        return EngineBench.notBuilt(JobMain.PIPELINE_BENCH, ChildJvm.home());
    }

    /**
     * Events generated and landed as for {@code bench batch}; one unmeasured pipeline by hand; then the rounds. Progress
     * bars are off for both contenders, as {@code pipeline run} has them (its tasks run side by side).
     */
    @Override
    public BenchReport run(AlluviumConfig config, OptionalLong events, Console console) {
        AlluviumConfig run = config.with(AlluviumSettings.GENERATOR_EVENTS, Long.toString(events.orElse(START_EVENTS)))
                .with(AlluviumSettings.CONSOLE_PROGRESS, "false");
        EngineBench.generateAndLand(run, console);
        Pipeline pipeline = PlatformPipeline.of(run);
        TasksByHand byHand = new TasksByHand(pipeline, DataDir.of(run));
        console.step("pipeline: warming up, one unmeasured pipeline by hand ("
                + pipeline.tasks().stream().map(Task::name).collect(Collectors.joining(", ")) + ")");
        byHand.run("bench-pipeline-warm-up", 0);
        BuiltLake.countAndDrop(run, "bench-pipeline-count-warm-up");
        Map<String, List<PipelineRound>> results;
        try {
            results = new AlternatingRounds<PipelineRound, SQLException>(AlternatingRounds.MIN_ROUNDS)
                    .contender(BY_HAND, round -> {
                        long started = System.nanoTime();
                        byHand.run("bench-pipeline-by-hand-" + round, round);
                        return new PipelineRound(secondsSince(started),
                                BuiltLake.countAndDrop(run, "bench-pipeline-count-by-hand-" + round));
                    })
                    .contender(ORCHESTRATED, round -> new PipelineRound(orchestrated(run, pipeline),
                            BuiltLake.countAndDrop(run, "bench-pipeline-count-orchestrated-" + round)))
                    .run((round, all, contender) -> console.step("pipeline round " + round + "/" + all + ": "
                            + contender));
        } catch (SQLException e) {
            throw new IllegalStateException("the catalog database failed: " + e.getMessage(), e);
        }
        return report(results, run.getLong(AlluviumSettings.GENERATOR_EVENTS),
                run.getInt(AlluviumSettings.ORCHESTRATOR_THREADS),
                run.getDuration(AlluviumSettings.ORCHESTRATOR_POLL_INTERVAL));
    }

    /**
     * One run as {@code pipeline run} makes it: a scheduler instance started, the run triggered and followed to its
     * end (looked up every {@code orchestrator.poll-interval}). Timed from the instance's start to the end the run
     * store records (PostgreSQL's clock, this machine's), so that how late the bench looks adds nothing; the
     * instance's stop, after the run, is not timed.
     */
    private static double orchestrated(AlluviumConfig config, Pipeline pipeline) throws SQLException {
        Instant started = Instant.now();
        try (Orchestrator orchestrator = Orchestrator.start(config, pipeline)) {
            long runId = orchestrator.trigger("bench", Optional.empty());
            Run ended = RunEnd.await(orchestrator.runs(), runId,
                    config.getDuration(AlluviumSettings.ORCHESTRATOR_POLL_INTERVAL));
            if (ended.state() != RunState.SUCCEEDED) {
                throw new JobFailure("pipeline run " + runId + " failed: " + ended.reason());
            }
            Instant finished = ended.finishedAt().orElseThrow(() -> new JobFailure("pipeline run " + runId
                    + " ended with no end time recorded"));
            return Duration.between(started, finished).toNanos() / 1e9;
        }
    }

    private static double secondsSince(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    /**
     * The report: seconds per pipeline of each contender (medians of the rounds; records/s is Bronze rows per second
     * through the whole pipeline), their ratio, and whether every round's two pipelines built the same counts.
     */
    static BenchReport report(Map<String, List<PipelineRound>> results, long events, int threads, Duration poll) {
        List<PipelineRound> byHand = results.get(BY_HAND);
        List<PipelineRound> orchestrated = results.get(ORCHESTRATED);
        BenchMeasure baseline = measure(BY_HAND, byHand);
        BenchMeasure ours = measure(ORCHESTRATED, orchestrated);
        List<String> differences = new ArrayList<>();
        for (int round = 0; round < byHand.size(); round++) {
            List<String> differ = byHand.get(round).lake().differencesFrom(orchestrated.get(round).lake());
            if (!differ.isEmpty()) {
                differences.add("round " + (round + 1) + " (by hand vs pipeline run): " + String.join("; ", differ));
            }
        }
        long bronzeRows = byHand.get(0).lake().bronzeRows();
        List<String> notes = new ArrayList<>(List.of(
                "after one unmeasured pipeline by hand (cold caches; and what maintain compacts of Bronze's landing "
                        + "files it compacts there, so every measured round reads the same Bronze files), " + byHand.size()
                        + " rounds each, alternating (by hand, pipeline run, by hand, ...); figures and the ratio are the "
                        + "medians of the rounds (seconds per pipeline)",
                "one pipeline per round, with or without --events: its five Spark steps take tens of seconds each, so "
                        + "every round is well over 10 s of work by nature",
                "by hand: the actions of the same Pipeline's tasks in its order (silver, gold, publish, quality, "
                        + "maintain), one after the other, each its child JVM; pipeline run: a scheduler instance in "
                        + "this JVM (orchestrator.threads " + threads + ", poll-interval " + poll.toMillis()
                        + " ms) started and one run triggered, timed until the end the run store records; it runs "
                        + "publish and quality side by side",
                "before each pipeline the lake holds Bronze alone: after each one Silver, Quarantine and Gold are "
                        + "counted and dropped with their files (a Spark JVM of its own, unmeasured), and each "
                        + "round's two pipelines must have built the same counts"));
        differences.forEach(d -> notes.add("NOT THE SAME WORK, " + d));
        return new BenchReport(NAME, String.format(Locale.ROOT, "%,d Bronze rows (%,d events generated), one "
                + "pipeline per round", bronzeRows, events), List.of(baseline, ours),
                List.of(BenchComparison.of("pipeline run time vs tasks by hand", ours.seconds(), baseline.seconds(),
                                TARGET),
                        new BenchComparison("same silver/quarantine/gold counts", differences.isEmpty() ? 1 : 0,
                                SAME_WORK_TARGET)),
                notes, Console.JSON.createObjectNode());
    }

    private static BenchMeasure measure(String name, List<PipelineRound> rounds) {
        ObjectNode details = Console.JSON.createObjectNode();
        details.put("bronze_rows", rounds.get(0).lake().bronzeRows());
        return BenchMeasure.recordsOnly(name, rounds.stream()
                .map(r -> new BenchMeasure.Round(r.lake().bronzeRows(), 0, r.seconds())).toList(), details);
    }
}
