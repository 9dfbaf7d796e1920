package io.alluvium.orchestrator;

import java.util.Locale;

/** Where one attempt stands: running until it succeeds or fails (a failure may be followed by another attempt). */
public enum AttemptState {
    RUNNING, SUCCEEDED, FAILED;

    String sql() {
        return name().toLowerCase(Locale.ROOT);
    }
}
