package io.alluvium.cli.jobs;

import java.util.Map;

/** Peak memory per process in MiB, with the total the platform needed at once (at most). */
final class MemoryReport {
    private MemoryReport() {
    }

    static String describe(Map<String, Long> peakBytes) {
        StringBuilder sb = new StringBuilder();
        peakBytes.forEach((name, bytes) -> sb.append(name).append(' ').append(mib(bytes)).append(" MiB, "));
        long total = peakBytes.values().stream().mapToLong(Long::longValue).sum();
        return sb.append("sum ").append(mib(total)).append(" MiB").toString();
    }

    private static long mib(long bytes) {
        return Math.round(bytes / 1048576.0);
    }
}
