package io.alluvium.flink.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.traces.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the checkpoint history keeps (docs/doctor.md#streaming): a line per completed or failed checkpoint with its
 * duration and sizes; not a checkpoint aborted by a clean stop (Flink gives it no end), nor any other span; the
 * newest lines only, across runs.
 */
class CheckpointHistoryTest {
    @TempDir
    Path dir;

    @Test
    void completedAndFailedCheckpointsAreKeptAndOneAbortedByAStopIsNot() throws Exception {
        CheckpointHistory history = open();
        history.notifyOfAddedSpan(checkpoint(1, "COMPLETED", 1_000, 1_250, 9_000));
        history.notifyOfAddedSpan(checkpoint(2, "FAILED", 2_000, 602_000, 0));
        history.notifyOfAddedSpan(checkpoint(3, "FAILED", 3_000, -1, 0));
        history.notifyOfAddedSpan(Span.builder(CheckpointHistoryTest.class, "JobInitialization")
                .setStartTsMillis(1).setEndTsMillis(2).build());

        List<JsonNode> lines = lines();
        assertThat(lines).extracting(l -> l.path("checkpoint").asLong()).containsExactly(1L, 2L);
        assertThat(lines.get(0).path("duration_ms").asLong()).isEqualTo(250);
        assertThat(lines.get(0).path("full_bytes").asLong()).isEqualTo(9_000);
        assertThat(lines.get(1).path("status").asText()).isEqualTo("FAILED");
    }

    @Test
    void onlyTheNewestAreKeptAcrossRuns() throws Exception {
        CheckpointHistory first = open();
        for (int i = 1; i <= CheckpointHistory.KEEP + 5; i++) {
            first.notifyOfAddedSpan(checkpoint(i, "COMPLETED", i, i + 10, 100));
        }
        CheckpointHistory next = open(); // a new run reads what the last one kept
        next.notifyOfAddedSpan(checkpoint(5_000, "COMPLETED", 9, 19, 100));

        List<JsonNode> lines = lines();
        assertThat(lines.size()).isBetween(CheckpointHistory.KEEP, CheckpointHistory.KEEP + 1);
        assertThat(lines.get(lines.size() - 1).path("checkpoint").asLong()).isEqualTo(5_000);
        assertThat(lines.get(0).path("checkpoint").asLong()).isGreaterThan(5);
    }

    private CheckpointHistory open() {
        MetricConfig config = new MetricConfig();
        config.setProperty("file", dir.resolve(CheckpointHistory.FILE).toString());
        CheckpointHistory history = new CheckpointHistory();
        history.open(config);
        return history;
    }

    private List<JsonNode> lines() throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve(CheckpointHistory.FILE))) {
            lines.add(new ObjectMapper().readTree(line));
        }
        return lines;
    }

    private static Span checkpoint(long id, String status, long start, long end, long fullBytes) {
        return Span.builder(CheckpointHistoryTest.class, "Checkpoint").setStartTsMillis(start).setEndTsMillis(end)
                .setAttribute("checkpointId", id).setAttribute("checkpointStatus", status)
                .setAttribute("fullSize", fullBytes).setAttribute("checkpointedSize", fullBytes).build();
    }
}
