package io.alluvium.flink.landing;

import io.alluvium.config.AlluviumConfig;
import io.alluvium.domain.Layer;
import io.alluvium.domain.StreamJob;
import io.alluvium.runtime.DataDir;
import java.nio.file.Path;

/**
 * Where a landing run writes: the Iceberg namespace of its three tables, the directory of its
 * checkpoints, savepoints and job id, and the consumer group its Kafka positions are committed under.
 * The platform's landing writes {@code bronze.*}; the landing bench lands the same records into a
 * scratch namespace with state and a group of its own, so that it neither touches Bronze nor resumes or
 * moves the real job's positions.
 *
 * @param namespace     Iceberg namespace holding one table per topic, with the Bronze contract
 * @param stateDir      checkpoints under {@code <job id>/chk-N}, savepoints, the job id file
 * @param consumerGroup group of the Kafka positions committed at each checkpoint (for lag, not recovery)
 */
public record LandingTarget(String namespace, Path stateDir, String consumerGroup) {

    /** The platform's landing: {@code bronze.<topic>}, state under {@code <data.dir>/checkpoints/landing}. */
    static LandingTarget bronze(AlluviumConfig config) {
        return new LandingTarget(Layer.BRONZE.namespace(), DataDir.of(config).streamState(StreamJob.LANDING),
                StreamJob.LANDING.consumerGroup());
    }
}
