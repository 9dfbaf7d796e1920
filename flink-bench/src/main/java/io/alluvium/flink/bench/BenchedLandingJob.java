package io.alluvium.flink.bench;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.flink.landing.BronzeCatalog;
import io.alluvium.flink.landing.LandingJob;
import io.alluvium.flink.landing.LandingTarget;
import io.alluvium.flink.run.StopRequest;
import io.alluvium.runtime.ChildProtocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contender (c) of the landing bench: the landing job itself, the code {@code LandingJobMain
 * --until-caught-up} runs, into the bench's scratch target (fresh state, scratch namespace), watched by
 * {@link CheckpointTriggers}. Its working time runs from the first record read to the commit that made
 * the last row visible; its whole time also holds the MiniCluster start, job submission, the wait for
 * Bronze to show the last commit and the final savepoint.
 */
final class BenchedLandingJob {
    private static final Logger LOG = LoggerFactory.getLogger(BenchedLandingJob.class);

    private BenchedLandingJob() {
    }

    static ContenderRun run(AlluviumConfig config, LandingTarget target, BronzeCatalog tables, ChildProtocol out)
            throws Exception {
        CheckpointTriggers.clear();
        long started = System.nanoTime();
        String result = new LandingJob(config, target, CheckpointTriggers.settings())
                .run(true, out, new StopRequest());
        double wholeSeconds = (System.nanoTime() - started) / 1e9;
        LOG.info("Benched landing run: {}", result);

        CommittedLanding committed = CommittedLanding.of(tables.createMissingTables().values());
        Map<Long, Long> triggered = CheckpointTriggers.triggered();
        List<Long> latencies = new ArrayList<>();
        committed.commitMillisByCheckpoint().forEach((checkpoint, commitMillis) -> {
            Long triggerMillis = triggered.get(checkpoint);
            if (triggerMillis != null) {
                latencies.add(commitMillis - triggerMillis);
            }
        });
        if (latencies.isEmpty()) {
            throw new IllegalStateException("no commit of the landing job could be timed: checkpoints triggered "
                    + triggered.keySet() + ", committed " + committed.commitMillisByCheckpoint().keySet());
        }
        return ContenderRun.landed(committed, wholeSeconds, latencies);
    }
}
