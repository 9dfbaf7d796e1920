package io.alluvium.orchestrator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The pipeline of the failover test, declared once for both of its scheduler processes: {@code slow}'s first attempt
 * leaves a marker (its attempt number and process id) and then runs for minutes, long enough to be killed mid-way;
 * any later attempt leaves its marker and ends at once; {@code after} follows it.
 */
final class FailoverPipeline {
    static final String NAME = "failover";

    private FailoverPipeline() {
    }

    static Pipeline of(Path markers) {
        return Pipeline.of(NAME, List.of(
                Task.of("slow", attempt -> {
                    mark(markers, attempt);
                    if (attempt.attempt() == 1) {
                        Thread.sleep(Duration.ofMinutes(5).toMillis());
                    }
                }).retry(RetryPolicy.exponential(2, Duration.ofMillis(200))),
                Task.of("after", attempt -> mark(markers, attempt)).after("slow")));
    }

    /** {@code <task>-<attempt>} holding the process id that ran it. */
    static Path marker(Path markers, String task, int attempt) {
        return markers.resolve(task + "-" + attempt);
    }

    private static void mark(Path markers, AttemptContext attempt) {
        try {
            Files.writeString(marker(markers, attempt.task(), attempt.attempt()),
                    Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
