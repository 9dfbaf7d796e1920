package io.alluvium.orchestrator;

import io.alluvium.runtime.ChildProtocol.BadInputException;
import java.time.Duration;

/**
 * How often a task is tried and how long to wait between tries: a failed attempt is followed by the next after
 * {@code firstBackoff}, doubled ({@code multiplier}) after each further failure, until {@code attempts} have failed
 * (docs/orchestration.md#retries-and-timeouts).
 *
 * @param attempts     how many attempts in all, at least 1 (1: never retried)
 * @param firstBackoff the wait after the first failed attempt
 * @param multiplier   the factor each later wait grows by, at least 1
 */
public record RetryPolicy(int attempts, Duration firstBackoff, double multiplier) {
    /** One attempt, no retry. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, 1);

    public RetryPolicy {
        if (attempts < 1) {
            throw new BadInputException("a retry policy needs at least 1 attempt, not " + attempts);
        }
        if (firstBackoff.isNegative()) {
            throw new BadInputException("a retry backoff cannot be negative: " + firstBackoff);
        }
        if (multiplier < 1) {
            throw new BadInputException("a retry backoff multiplier must be at least 1, not " + multiplier);
        }
    }

    /** {@code attempts} in all, waiting {@code firstBackoff}, then twice as long after each further failure. */
    public static RetryPolicy exponential(int attempts, Duration firstBackoff) {
        return new RetryPolicy(attempts, firstBackoff, 2);
    }

    /** Whether attempt {@code attempt} (from 1), once failed, is followed by another. */
    public boolean retriesAfter(int attempt) {
        return attempt < attempts;
    }

    /** The wait between failed attempt {@code attempt} (from 1) and the next. */
    public Duration backoffAfter(int attempt) {
        return Duration.ofMillis(Math.round(firstBackoff.toMillis() * Math.pow(multiplier, attempt - 1)));
    }
}
