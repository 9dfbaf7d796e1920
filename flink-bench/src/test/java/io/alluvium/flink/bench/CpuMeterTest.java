package io.alluvium.flink.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CPU a stretch of work used, of this JVM and of the machine, read from the kernel on Linux. */
class CpuMeterTest {
    @Test
    void aBusyThreadShowsInThisJvmsAndTheMachinesCpu() {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "the machine's CPU is read from /proc/stat (Linux)");
        CpuMeter meter = CpuMeter.start().orElseThrow();
        long until = System.nanoTime() + 500_000_000L;
        long spins = 0;
        while (System.nanoTime() < until) {
            spins++;
        }
        CpuMeter.Use use = meter.stop().orElseThrow();
        assertThat(spins).isPositive();
        assertThat(use.wallSeconds()).isGreaterThanOrEqualTo(0.5);
        assertThat(use.cores()).isPositive();
        // one core spun for 0.5 s: this JVM used most of that, and the machine at least what the JVM did
        // (the kernel counts in ticks of 10 ms, hence the margin)
        assertThat(use.jvmSeconds()).isGreaterThan(0.3);
        assertThat(use.machineSeconds()).isGreaterThan(use.jvmSeconds() - 0.05)
                .isLessThanOrEqualTo(use.cores() * use.wallSeconds() + 0.05);
        assertThat(use.busyCores()).isGreaterThan(0.6);
    }
}
