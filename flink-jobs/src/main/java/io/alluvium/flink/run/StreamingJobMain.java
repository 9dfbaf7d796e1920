package io.alluvium.flink.run;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.ChildProtocol;
import java.util.List;
import java.util.function.Function;

/**
 * The child JVM main of a streaming job ({@code alluvium stream start landing|realtime}): it runs
 * continuously until SIGTERM or SIGINT ({@link StopRequest}), or with {@code --until-caught-up} until what
 * the topics held at its start is processed (the demo). Exit 0 after a clean stop, 2 on bad arguments,
 * 1 on failure ({@link ChildProtocol#main}).
 */
public final class StreamingJobMain {
    public static final String UNTIL_CAUGHT_UP = "--until-caught-up";

    /** One run of a streaming job; returns its result line's JSON. */
    @FunctionalInterface
    public interface Job {
        String run(boolean untilCaughtUp, ChildProtocol out, StopRequest stop) throws Exception;
    }

    private StreamingJobMain() {
    }

    /** Runs the job that {@code jobFor} makes of the settings, as main class {@code mainName}. */
    public static void main(String[] args, String mainName, Function<AlluviumConfig, Job> jobFor) {
        ChildProtocol.main(args, (config, jobArgs, out) -> {
            boolean untilCaughtUp = untilCaughtUp(jobArgs, mainName);
            StopRequest stop = StopRequest.onTerminationSignals();
            out.result(jobFor.apply(config).run(untilCaughtUp, out, stop));
        });
    }

    /** Whether the job's arguments ask to stop when caught up; anything else is bad input. */
    public static boolean untilCaughtUp(String[] args, String mainName) {
        List<String> list = List.of(args);
        for (String arg : list) {
            if (!arg.equals(UNTIL_CAUGHT_UP)) {
                throw new ChildProtocol.BadInputException("unknown argument \"" + arg
                        + "\" (usage: " + mainName + " <settings> [" + UNTIL_CAUGHT_UP + "])");
            }
        }
        return list.contains(UNTIL_CAUGHT_UP);
    }
}
