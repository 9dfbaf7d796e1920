package io.alluvium.config;

import java.io.Serializable;

/**
 * A secret setting: its text never appears in {@link #toString()}, logs, {@code --help} or JSON output. Serializable
 * so that a job can carry it to the driver that needs it (the realtime job's sink).
 */
public final class Password implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String value;

    public Password(String value) {
        this.value = value == null ? "" : value;
    }

    /** The secret itself, for the one place that must hand it to a driver. */
    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    @Override
    public String toString() {
        return value.isEmpty() ? "" : "[hidden]";
    }
}
