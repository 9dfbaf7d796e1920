package io.alluvium.config;

/** A secret setting: its text never appears in {@link #toString()}, logs, {@code --help} or JSON output. */
public final class Password {
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
