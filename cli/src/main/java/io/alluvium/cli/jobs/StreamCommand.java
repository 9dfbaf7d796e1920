package io.alluvium.cli.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.alluvium.cli.PlatformCommand;
import io.alluvium.cli.ResultViews;
import io.alluvium.cli.platform.Preflight;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.runtime.FlinkCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alluvium stream start landing}: the Flink job that lands Kafka in Bronze, attached to the
 * terminal like {@code flink run}: continuous until Ctrl-C, or until caught up with the log.
 */
@Command(name = "stream", mixinStandardHelpOptions = true, description = "Run a streaming job.",
        subcommands = StreamCommand.Start.class)
public final class StreamCommand {

    /** The jobs {@code stream start} knows. */
    enum Job { landing, realtime }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Start a streaming job: landing (Kafka → bronze.*, exactly-once) or realtime "
                    + "(Kafka → city-hour sales in the serving store, idempotent writes).")
    static final class Start extends PlatformCommand {
        @Parameters(index = "0", paramLabel = "JOB", description = "The job: ${COMPLETION-CANDIDATES}.")
        Job job;

        @Option(names = "--until-caught-up",
                description = "Land what the topics hold now, commit, and stop (instead of running until Ctrl-C).")
        boolean untilCaughtUp;

        @Override
        public Integer call() {
            AlluviumConfig config = config();
            Preflight.requireKafka(config);
            Preflight.requireFlinkCluster(config);
            String until = untilCaughtUp ? " until caught up" : " (Ctrl-C stops)";
            JsonNode result;
            String where = FlinkCluster.where(config);
            if (job == Job.landing) {
                Preflight.requireCatalog(config);
                console().step("landing Kafka → Bronze" + where + until);
                result = EngineJobs.run(EngineJobs.landing(config, untilCaughtUp), config);
            } else {
                Preflight.requireServingStore(config);
                console().step("aggregating Kafka → serving store" + where + until);
                result = EngineJobs.run(EngineJobs.realtime(config, untilCaughtUp), config);
            }
            ResultViews.show(result, console());
            return 0;
        }
    }
}
