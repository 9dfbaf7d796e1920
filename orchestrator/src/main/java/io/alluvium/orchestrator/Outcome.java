package io.alluvium.orchestrator;

/**
 * How an attempt ended: succeeded, or failed with a one-line error (the exception's own message, a timeout, or a
 * scheduler that died while the attempt ran).
 */
record Outcome(boolean succeeded, String error) {
    static Outcome success() {
        return new Outcome(true, null);
    }

    static Outcome failure(String error) {
        return new Outcome(false, error);
    }
}
