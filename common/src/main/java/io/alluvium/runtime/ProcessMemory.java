package io.alluvium.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * Peak resident memory of a child process and its own children (PostgreSQL runs beside its host
 * JVM), read from Linux's {@code /proc/<pid>/status} (VmHWM, the high-water mark). Zero where /proc
 * is not available. The figure the 6 GiB budget is checked against.
 */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Peak RSS in bytes of the process and its descendants, as of now. */
    public static long peakRss(ProcessHandle process) {
        return Stream.concat(Stream.of(process), process.descendants())
                .mapToLong(p -> highWaterMark(p.pid()))
                .sum();
    }

    private static long highWaterMark(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            // the process ended between listing and reading, or no /proc here: nothing to add
        }
        return 0;
    }

    /** Samples a running process until it ends; {@link #peak()} is the highest value seen. */
    public static final class Sampler implements AutoCloseable {
        private final AtomicLong peak = new AtomicLong();
        private final Thread thread;

        public Sampler(ProcessHandle process) {
            thread = new Thread(() -> {
                while (process.isAlive()) {
                    peak.accumulateAndGet(peakRss(process), Math::max);
                    try {
                        Thread.sleep(250);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-" + process.pid());
            thread.setDaemon(true);
            thread.start();
        }

        public long peak() {
            return peak.get();
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
