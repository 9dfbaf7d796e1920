package io.alluvium.flink.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Measures the CPU a live step of the realtime bench costs: the whole machine's (every process: the job and the
 * sender in this JVM, the broker, redis-server) from the kernel's {@code /proc/stat}, and this JVM's. Per event
 * sent, it tells what the pipeline costs end to end and so the highest rate the machine's cores could carry at
 * that cost — the physical limit a freshness target meets on a small machine (docs/benchmarks.md,
 * {@code bench realtime}). Where {@code /proc/stat} is missing (not Linux) there is no measure.
 */
final class CpuMeter {
    private static final Path PROC_STAT = Path.of("/proc/stat");

    /**
     * @param wallSeconds    how long the step was measured
     * @param machineSeconds CPU seconds every process of the machine used meanwhile
     * @param jvmSeconds     CPU seconds this JVM used meanwhile (the job, the sender, their GC and JIT)
     * @param cores          the machine's cores
     */
    record Use(double wallSeconds, double machineSeconds, double jvmSeconds, int cores) {
        double busyCores() {
            return machineSeconds / wallSeconds;
        }

        double machineMicrosPerEvent(long events) {
            return machineSeconds * 1e6 / events;
        }

        double jvmMicrosPerEvent(long events) {
            return jvmSeconds * 1e6 / events;
        }

        /** The events per second all cores could carry, were every event to cost what these did. */
        double rateAtFullUse(long events) {
            return cores * events / machineSeconds;
        }
    }

    /** Busy and all time of the machine's cores, in the kernel's ticks, and how many cores it has. */
    private record Ticks(long busy, long all, int cores) {
    }

    private final Ticks machineStart;
    private final long jvmStartNanos;
    private final long wallStartNanos;

    private CpuMeter(Ticks machineStart) {
        this.machineStart = machineStart;
        this.jvmStartNanos = jvmCpuNanos();
        this.wallStartNanos = System.nanoTime();
    }

    /** Starts measuring; empty where the machine's CPU cannot be read. */
    static Optional<CpuMeter> start() {
        return machineTicks().map(CpuMeter::new);
    }

    /** What was used since the start; empty if the machine's CPU could not be read again. */
    Optional<Use> stop() {
        long wall = System.nanoTime() - wallStartNanos;
        long jvm = jvmCpuNanos() - jvmStartNanos;
        return machineTicks().filter(end -> end.all() > machineStart.all()).map(end -> {
            double busyShare = (double) (end.busy() - machineStart.busy()) / (end.all() - machineStart.all());
            double wallSeconds = wall / 1e9;
            return new Use(wallSeconds, busyShare * end.cores() * wallSeconds, jvm / 1e9, end.cores());
        });
    }

    private static long jvmCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : 0;
    }

    /** The first line of {@code /proc/stat}: {@code cpu user nice system idle iowait irq softirq steal ...}. */
    private static Optional<Ticks> machineTicks() {
        try {
            List<String> lines = Files.readAllLines(PROC_STAT);
            String[] fields = lines.get(0).trim().split("\\s+");
            int cores = (int) lines.stream().filter(line -> line.matches("cpu\\d+ .*")).count();
            long all = 0;
            for (int i = 1; i < fields.length && i <= 8; i++) {
                all += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return cores == 0 ? Optional.empty() : Optional.of(new Ticks(all - idle, all, cores));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
