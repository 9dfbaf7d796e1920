package io.alluvium.flink.bench;

import java.util.List;

/**
 * One contender's figures in one round of the landing bench.
 *
 * @param rows              records read (read ceiling) or rows committed (writers)
 * @param seconds           working time: first record read to the last one read, or to the commit that
 *                          made the last row visible
 * @param readingSeconds    first record read to last record read (for the writers, the working time
 *                          without the wait for the commit that follows)
 * @param wholeSeconds      the contender's whole run, setup (and for the job its cluster start and final
 *                          savepoint) included
 * @param commitLatenciesMs checkpoint trigger to Iceberg commit, per timed commit (the job only)
 */
record ContenderRun(long rows, double seconds, double readingSeconds, double wholeSeconds,
                    List<Long> commitLatenciesMs) {

    /** A writer's round, its working time told by its tables. */
    static ContenderRun landed(CommittedLanding committed, double wholeSeconds, List<Long> commitLatenciesMs) {
        return new ContenderRun(committed.rows(), committed.seconds(), committed.readingSeconds(), wholeSeconds,
                commitLatenciesMs);
    }

    ContenderRun {
        if (!(seconds > 0) || !(wholeSeconds > 0)) {
            throw new IllegalStateException("a bench round measured no time (" + seconds + " s working, "
                    + wholeSeconds + " s whole)");
        }
        commitLatenciesMs = List.copyOf(commitLatenciesMs);
    }

    double rowsPerSecond() {
        return rows / seconds;
    }
}
