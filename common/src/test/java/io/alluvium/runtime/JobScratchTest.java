package io.alluvium.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.config.AlluviumConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's temporary directory is its own, gone when removed; one whose owner process has ended (a killed job)
 * is removed by the next start, one whose owner still runs is left alone.
 */
class JobScratchTest {
    @TempDir
    Path root;

    @Test
    void theNextStartRemovesWhatAnEndedOwnerLeftAndKeepsWhatARunningOneUses() throws Exception {
        DataDir dataDir = DataDir.of(AlluviumConfig.defaults().with(Map.of("data.dir", root.toString()), "test"));
        JobScratch killed = JobScratch.create(dataDir, "landing");
        Files.writeString(killed.dir().resolve("blobStore-left-behind"), "x");
        Process ended = new ProcessBuilder("true").start();
        assertThat(ended.waitFor(10, TimeUnit.SECONDS)).isTrue();
        killed.ownedBy(ended.pid());
        JobScratch running = JobScratch.create(dataDir, "realtime");
        running.ownedBy(ProcessHandle.current().pid());

        JobScratch next = JobScratch.create(dataDir, "landing");

        assertThat(killed.dir()).doesNotExist();
        assertThat(running.dir()).isDirectory();
        assertThat(next.dir()).isDirectory().isNotEqualTo(killed.dir())
                .hasParent(dataDir.tmp().resolve("jobs"));
        next.remove();
        assertThat(next.dir()).doesNotExist();
    }
}
