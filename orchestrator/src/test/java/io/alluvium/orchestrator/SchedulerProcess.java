package io.alluvium.orchestrator;

import io.alluvium.config.AlluviumConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A scheduler instance in a process of its own, for the failover test to kill: starts on the catalog database the
 * settings name, triggers a run of {@link FailoverPipeline}, prints {@code run <id>} and runs its attempts until it
 * is killed. Arguments: the markers' directory, then the settings as {@code key=value}.
 */
final class SchedulerProcess {
    private SchedulerProcess() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> settings = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            settings.put(kv[0], kv[1]);
        }
        AlluviumConfig config = AlluviumConfig.defaults().with(settings, "test");
        Orchestrator orchestrator = Orchestrator.start(config, FailoverPipeline.of(Path.of(args[0])));
        long runId = orchestrator.trigger("manual", Optional.empty());
        System.out.println("run " + runId + " scheduler " + orchestrator.name());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
