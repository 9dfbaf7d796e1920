package io.alluvium.flink.bench;

import java.util.List;

/**
 * One contender's figures in one round of the landing bench: one pass over the records, or for the read
 * ceiling, which can read them again, as many passes as its round needed to last long enough.
 *
 * @param rows              records read (read ceiling) or rows committed (writers), in one pass
 * @param passes            passes over the records in the round
 * @param seconds           working time of all passes: first record read to the last one read, or to the
 *                          commit that made the last row visible
 * @param readingSeconds    first record read to last record read (for the writers, the working time
 *                          without the wait for the commit that follows)
 * @param wholeSeconds      the contender's whole run, setup (and for the job its cluster start and final
 *                          savepoint) included
 * @param commitLatenciesMs checkpoint trigger to Iceberg commit, per timed commit (the job only)
 */
record ContenderRun(long rows, int passes, double seconds, double readingSeconds, double wholeSeconds,
                    List<Long> commitLatenciesMs) {

    /** A writer's round, its working time told by its tables. */
    static ContenderRun landed(CommittedLanding committed, double wholeSeconds, List<Long> commitLatenciesMs) {
        return new ContenderRun(committed.rows(), 1, committed.seconds(), committed.readingSeconds(), wholeSeconds,
                commitLatenciesMs);
    }

    /** One round of several passes: their times added up; the rows of a pass, the fewest if they differ. */
    static ContenderRun ofPasses(List<ContenderRun> passes) {
        return new ContenderRun(passes.stream().mapToLong(ContenderRun::rows).min().orElseThrow(),
                passes.stream().mapToInt(ContenderRun::passes).sum(),
                passes.stream().mapToDouble(ContenderRun::seconds).sum(),
                passes.stream().mapToDouble(ContenderRun::readingSeconds).sum(),
                passes.stream().mapToDouble(ContenderRun::wholeSeconds).sum(), List.of());
    }

    ContenderRun {
        if (!(seconds > 0) || !(wholeSeconds > 0)) {
            throw new IllegalStateException("a bench round measured no time (" + seconds + " s working, "
                    + wholeSeconds + " s whole)");
        }
        commitLatenciesMs = List.copyOf(commitLatenciesMs);
    }

    double rowsPerSecond() {
        return (double) rows * passes / seconds;
    }

    /** Over the working time, with {@code bytesPerPass} the bytes of the records of one pass. */
    double mbPerSecond(long bytesPerPass) {
        return (double) bytesPerPass * passes / LandingBenchReport.MB / seconds;
    }

    double wholeRowsPerSecond() {
        return (double) rows * passes / wholeSeconds;
    }
}
