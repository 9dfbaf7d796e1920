package io.alluvium.orchestrator;

/**
 * What a pipeline reads, as the data trigger sees it: a short text that changes when, and only when, new input has
 * arrived (for the platform's pipeline, the row count of each Bronze table: landing's appends change it, compaction
 * and snapshot expiry do not). Stored with each run it started, so that the next look is compared with what the last
 * run started from (docs/orchestration.md#triggers).
 */
@FunctionalInterface
public interface PipelineInput {
    /** The input as it is now; empty while there is none. May take seconds (it reads table metadata). */
    String look();
}
