package io.alluvium.flink.landing;

import io.alluvium.flink.run.StopRequest;
import io.alluvium.runtime.ChildProtocol;
import java.util.List;

/**
 * Child JVM main of the landing job: {@code alluvium stream start landing} runs it continuously (until
 * SIGTERM), the demo with {@code --until-caught-up} (until what the topics held at its start is in
 * Bronze). Exit 0 after a clean stop, 2 on bad arguments, 1 on failure.
 */
public final class LandingJobMain {
    public static final String UNTIL_CAUGHT_UP = "--until-caught-up";

    private LandingJobMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, (config, jobArgs, out) -> {
            boolean untilCaughtUp = untilCaughtUp(jobArgs);
            StopRequest stop = StopRequest.onTerminationSignals();
            out.result(new LandingJob(config).run(untilCaughtUp, out, stop));
        });
    }

    static boolean untilCaughtUp(String[] args) {
        List<String> list = List.of(args);
        for (String arg : list) {
            if (!arg.equals(UNTIL_CAUGHT_UP)) {
                throw new ChildProtocol.BadInputException("unknown argument \"" + arg
                        + "\" (usage: LandingJobMain <settings> [" + UNTIL_CAUGHT_UP + "])");
            }
        }
        return list.contains(UNTIL_CAUGHT_UP);
    }
}
