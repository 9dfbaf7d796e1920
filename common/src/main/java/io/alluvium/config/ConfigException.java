package io.alluvium.config;

/**
 * A setting that cannot be used, said so that the user can fix it without reading code: which key,
 * where it came from (file and line, command-line flag, or default) and what is expected.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;

    public ConfigException(String key, String origin, String problem) {
        super((origin == null || origin.isEmpty() ? "" : origin + ": ") + key + ": " + problem);
        this.key = key;
    }

    /** The setting at fault, e.g. {@code kafka.port}. */
    public String key() {
        return key;
    }
}
