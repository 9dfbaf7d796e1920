package io.alluvium.flink.realtime;

import io.alluvium.flink.landing.LandingJobMain;
import io.alluvium.flink.run.StopRequest;
import io.alluvium.runtime.ChildProtocol;
import java.util.List;

/**
 * Child JVM main of the realtime job: {@code alluvium stream start realtime} runs it continuously (until
 * SIGTERM), the demo with {@code --until-caught-up}. Exit 0 after a clean stop, 2 on bad input, 1 on failure.
 */
public final class RealtimeJobMain {
    private RealtimeJobMain() {
    }

    public static void main(String[] args) {
        ChildProtocol.main(args, (config, jobArgs, out) -> {
            List<String> list = List.of(jobArgs);
            for (String arg : list) {
                if (!arg.equals(LandingJobMain.UNTIL_CAUGHT_UP)) {
                    throw new ChildProtocol.BadInputException("unknown argument \"" + arg
                            + "\" (usage: RealtimeJobMain <settings> [" + LandingJobMain.UNTIL_CAUGHT_UP + "])");
                }
            }
            StopRequest stop = StopRequest.onTerminationSignals();
            out.result(new RealtimeJob(config).run(list.contains(LandingJobMain.UNTIL_CAUGHT_UP), out, stop));
        });
    }
}
