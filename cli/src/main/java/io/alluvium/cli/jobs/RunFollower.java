package io.alluvium.cli.jobs;

import io.alluvium.cli.Console;
import io.alluvium.config.ConfigDef;
import io.alluvium.orchestrator.Orchestrator;
import io.alluvium.orchestrator.Run;
import io.alluvium.orchestrator.RunState;
import io.alluvium.orchestrator.RunStore;
import io.alluvium.orchestrator.TaskState;
import io.alluvium.orchestrator.Triggers;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code alluvium run} tells the person watching it: a line when a run of the pipeline starts (what started
 * it) and when it ends (how, in how long), whichever scheduler instance runs it; and, every so often, the status
 * line: how far behind the topics each streaming job is, the running run and its running tasks, the last ended run,
 * and what starts the next one (docs/orchestration.md#alluvium-run).
 */
final class RunFollower {
    private static final int RUNS_LOOKED_AT = 10;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Orchestrator orchestrator;
    private final String pipeline;
    private final List<KeptJob> jobs;
    private final Triggers triggers;
    private final Set<Long> running = new HashSet<>();
    private long lastAnnounced;

    private RunFollower(Orchestrator orchestrator, String pipeline, List<KeptJob> jobs, Triggers triggers) {
        this.orchestrator = orchestrator;
        this.pipeline = pipeline;
        this.jobs = jobs;
        this.triggers = triggers;
    }

    /** Follows the runs from now on: the ones already ended are not told again, those running are when they end. */
    static RunFollower from(Orchestrator orchestrator, String pipeline, List<KeptJob> jobs, Triggers triggers)
            throws SQLException {
        RunFollower follower = new RunFollower(orchestrator, pipeline, jobs, triggers);
        for (Run run : follower.latest()) {
            follower.lastAnnounced = Math.max(follower.lastAnnounced, run.id());
            if (run.state() == RunState.RUNNING) {
                follower.running.add(run.id());
            }
        }
        return follower;
    }

    /** Tells the runs started and ended since the last call. */
    void tellRuns(Console console) throws SQLException {
        List<Run> runs = new ArrayList<>(latest());
        runs.sort(Comparator.comparingLong(Run::id));
        for (Run run : runs) {
            if (run.id() > lastAnnounced) {
                lastAnnounced = run.id();
                console.step("run " + run.id() + " started by " + run.trigger()
                        + run.input().map(i -> " (" + i + ")").orElse(""));
                running.add(run.id());
            }
            if (run.state() != RunState.RUNNING && running.remove(run.id())) {
                console.step("run " + run.id() + " " + ended(run) + (run.state() == RunState.FAILED
                        ? ": " + run.reason() + " (alluvium pipeline status shows its tasks and logs)" : ""));
            }
        }
    }

    /** The status line. */
    String status() throws SQLException {
        List<String> parts = new ArrayList<>();
        for (KeptJob job : jobs) {
            parts.add(job(job.state()));
        }
        List<Run> runs = latest();
        Optional<Run> now = runs.stream().filter(r -> r.state() == RunState.RUNNING).findFirst();
        Optional<Run> last = runs.stream().filter(r -> r.state() != RunState.RUNNING).findFirst();
        if (now.isPresent()) {
            String tasks = orchestrator.runs().tasks(now.get().id()).stream()
                    .filter(t -> t.state() == TaskState.RUNNING).map(t -> t.task()).collect(Collectors.joining(", "));
            parts.add("run " + now.get().id() + " running" + (tasks.isEmpty() ? "" : " " + tasks));
        }
        parts.add(last.map(r -> "last: run " + r.id() + " " + ended(r)).orElse("no run ended yet"));
        List<String> next = new ArrayList<>();
        triggers.input().ifPresent(i -> next.add("on new data (looked for every "
                + ConfigDef.formatDuration(triggers.lookEvery()) + ")"));
        orchestrator.nextScheduled().ifPresent(at -> next.add("at " + CLOCK.format(at) + " UTC"));
        parts.add("next run: " + String.join(", ", next));
        return String.join(" · ", parts);
    }

    private static String job(KeptJob.State job) {
        if (job.ended() != null) {
            return job.job() + " " + job.ended();
        }
        if (!job.running()) {
            return job.job() + " restarting (" + job.restarts() + "×)";
        }
        String behind = job.behind() < 0 ? "starting" : String.format(Locale.ROOT, "%,d behind", job.behind());
        return job.job() + " " + behind + (job.restarts() > 0 ? " (restarted " + job.restarts() + "×)" : "");
    }

    private static String ended(Run run) {
        String took = run.finishedAt().map(end -> " in " + ConfigDef.formatDuration(
                Duration.ofSeconds(Duration.between(run.createdAt(), end).toSeconds()))).orElse("");
        return run.state().name().toLowerCase(Locale.ROOT) + took + run.finishedAt()
                .map(at -> " at " + CLOCK.format(at) + " UTC").orElse("");
    }

    private List<Run> latest() throws SQLException {
        return orchestrator.runs().latest(pipeline, RUNS_LOOKED_AT);
    }
}
