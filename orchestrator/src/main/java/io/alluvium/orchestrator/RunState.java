package io.alluvium.orchestrator;

import java.util.Locale;

/** Where a run of a pipeline stands: running until every task has succeeded, failed or been skipped. */
public enum RunState {
    RUNNING, SUCCEEDED, FAILED;

    String sql() {
        return name().toLowerCase(Locale.ROOT);
    }
}
