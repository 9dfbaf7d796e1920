package io.alluvium.cli.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.alluvium.cli.Console;
import io.alluvium.cli.UserError;
import io.alluvium.config.AlluviumConfig;
import io.alluvium.config.AlluviumSettings;
import io.alluvium.doctor.Finding;
import io.alluvium.doctor.Finding.Severity;
import io.alluvium.domain.StreamJob;
import io.alluvium.domain.Topic;
import io.alluvium.runtime.DataDir;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The doctor's checks of the stream jobs (docs/doctor.md#streaming): each job's checkpoint history, as the job
 * records it in its state directory ({@link CheckpointTrends}), and the events that came too late for their window,
 * as the realtime job tallies them in the serving store. (Records waiting in Kafka are {@link KafkaChecks}' consumer
 * lag.)
 */
final class StreamingChecks {
    /** Too-late events are a warning from this share of a stream's valid events; below it, a note. */
    static final double TOO_LATE_AT_LEAST = 0.001;

    private final AlluviumConfig config;

    StreamingChecks(AlluviumConfig config) {
        this.config = config;
    }

    /** "key (now value)". */
    private String setting(String key) {
        return key + " (now " + config.describe().get(key) + ")";
    }

    /** The findings of each stream job's checkpoint history; a job that never checkpointed has none. */
    List<Finding> checkpoints() {
        List<Finding> findings = new ArrayList<>();
        for (StreamJob job : StreamJob.values()) {
            Path file = DataDir.of(config).streamState(job).resolve(DataDir.CHECKPOINT_HISTORY);
            if (!Files.exists(file)) {
                continue;
            }
            List<CheckpointTrends.Checkpoint> history = new ArrayList<>();
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    history.add(CheckpointTrends.Checkpoint.of(Console.JSON.readTree(line)));
                }
            } catch (IOException e) {
                throw new UserError("cannot read the checkpoint history " + file + ": " + e.getMessage());
            }
            String interval = job == StreamJob.LANDING ? AlluviumSettings.LANDING_CHECKPOINT_INTERVAL
                    : AlluviumSettings.REALTIME_CHECKPOINT_INTERVAL;
            String sizeFix = job == StreamJob.LANDING ? "see logs/landing.log: landing keeps only offsets and"
                    + " uncommitted files in its state" : "lower " + AlluviumSettings.REALTIME_DEDUP_RETENTION + " or "
                    + AlluviumSettings.REALTIME_ALLOWED_LATENESS + ", or move state off the heap ("
                    + AlluviumSettings.REALTIME_STATE_BACKEND + "=rocksdb)";
            findings.addAll(CheckpointTrends.check(job, history, config.getDuration(interval), interval, sizeFix));
        }
        return findings;
    }

    /** @param counts the serving store's {@code realtime:<stream>:counts}, as {@code SpeedView.counts()} reads them */
    List<Finding> tooLate(List<ObjectNode> counts) {
        List<Finding> findings = new ArrayList<>();
        for (ObjectNode row : counts) {
            JsonNode c = row.path("counts");
            long tooLate = c.path("too_late").asLong();
            long valid = c.path("valid").asLong();
            if (tooLate == 0 || valid == 0) {
                continue;
            }
            double share = tooLate / (double) valid;
            boolean payments = row.path("stream").asText().equals(Topic.PAYMENTS.topicName());
            findings.add(new Finding(share >= TOO_LATE_AT_LEAST ? Severity.WARNING : Severity.INFO, "too-late",
                    row.path("stream").asText(),
                    String.format(Locale.ROOT, "%,d of %,d valid events (%.2f%%) came after %s", tooLate, valid,
                            100 * share, payments ? "the watermark had passed them" : "their window closed"),
                    String.format(Locale.ROOT, ">= %.1f%% of valid events is a warning", 100 * TOO_LATE_AT_LEAST),
                    payments ? "the fraud rules judge payments in event-time order: these were never screened"
                            : "the speed layer's views leave them out (the batch layer counts them): realtime and"
                            + " Gold disagree on those hours until the serving view merges Gold",
                    payments ? "raise " + setting(AlluviumSettings.REALTIME_WATERMARK_DELAY)
                            + ": payments as late as that are still screened, and every alert waits that long"
                            : "raise " + setting(AlluviumSettings.REALTIME_ALLOWED_LATENESS)));
        }
        return findings;
    }
}
