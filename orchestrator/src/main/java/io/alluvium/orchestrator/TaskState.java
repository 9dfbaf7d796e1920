package io.alluvium.orchestrator;

import java.util.Locale;

/**
 * Where one task of a run stands. {@code PENDING}: an upstream has not succeeded yet; {@code QUEUED}: its next
 * attempt is scheduled (after a failure, at the end of its backoff); {@code RUNNING}: an attempt runs; then one of
 * the three final states. {@code SKIPPED} means an upstream failed, and its reason names which.
 */
public enum TaskState {
    PENDING, QUEUED, RUNNING, SUCCEEDED, FAILED, SKIPPED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED || this == SKIPPED;
    }

    String sql() {
        return name().toLowerCase(Locale.ROOT);
    }
}
