package io.alluvium.serving;

import java.time.Duration;

/**
 * What one {@link LoadTest} measured.
 *
 * @param lookups every lookup made, failed ones included
 * @param errors  lookups that failed or found nothing
 * @param took    wall time from the first lookup's start to the last one's answer
 */
public record LoadResult(long lookups, long errors, int clients, Duration took, Duration p50, Duration p95,
                         Duration p99) {

    public double lookupsPerSecond() {
        return lookups / (took.toNanos() / 1e9);
    }
}
