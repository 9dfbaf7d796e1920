package io.alluvium.generator;

/** Told how far a run is, so the CLI can draw a progress bar; called from the sending thread. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> { };

    /** {@code done} records of {@code total} have been acknowledged by the broker. */
    void sent(long done, long total);
}
