package io.alluvium.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The validated settings of one Alluvium run, with typed access. The CLI builds it from
 * {@code alluvium.yaml} and flags; it hands it to every child JVM as a properties file readable
 * only by the owner, which the child deletes once read (secrets are never put on a command line, where
 * {@code ps} would show them).
 */
public final class AlluviumConfig {
    /** The settings as given (file, flags), before defaults: what {@link #with} changes. */
    private final Map<String, ConfigDef.RawValue> given;
    private final Map<String, Object> values;

    private AlluviumConfig(Map<String, ConfigDef.RawValue> given, Map<String, Object> values) {
        this.given = given;
        this.values = values;
    }

    /**
     * Validates raw values against {@link AlluviumSettings#DEFINITION}; with {@code cluster.enabled}, the settings
     * of the cluster profile that {@code raw} leaves unset are the profile's ({@link ClusterProfile}).
     */
    public static AlluviumConfig of(Map<String, ConfigDef.RawValue> raw) {
        Map<String, Object> values = AlluviumSettings.DEFINITION.parse(raw);
        if ((Boolean) values.get(AlluviumSettings.CLUSTER_ENABLED)) {
            values = AlluviumSettings.DEFINITION.parse(ClusterProfile.withDefaults(raw));
        }
        return new AlluviumConfig(Map.copyOf(raw), values);
    }

    /** All defaults: the embedded platform on this machine. */
    public static AlluviumConfig defaults() {
        return of(Map.of());
    }

    /**
     * A copy with some keys changed, validated like the file itself; what was not given stays a default (so that
     * turning on {@code cluster.enabled} here turns on its profile).
     */
    public AlluviumConfig with(Map<String, String> overrides, String origin) {
        Map<String, ConfigDef.RawValue> raw = new LinkedHashMap<>(given);
        overrides.forEach((k, v) -> raw.put(k, new ConfigDef.RawValue(v, origin)));
        return of(raw);
    }

    public AlluviumConfig with(String key, String value) {
        return with(Map.of(key, value), "override");
    }

    public String getString(String key) {
        return (String) get(key);
    }

    public int getInt(String key) {
        return (Integer) get(key);
    }

    public long getLong(String key) {
        return (Long) get(key);
    }

    public double getDouble(String key) {
        return (Double) get(key);
    }

    public boolean getBoolean(String key) {
        return (Boolean) get(key);
    }

    public Password getPassword(String key) {
        return (Password) get(key);
    }

    public MemorySize getMemory(String key) {
        return (MemorySize) get(key);
    }

    public Duration getDuration(String key) {
        return (Duration) get(key);
    }

    private Object get(String key) {
        if (!values.containsKey(key)) {
            throw new IllegalArgumentException("no such setting: " + key);
        }
        return values.get(key);
    }

    /** Every setting as shown to a user, in the form a setting is written in: secrets hidden. */
    public Map<String, String> describe() {
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, v instanceof Duration d ? ConfigDef.formatDuration(d) : String.valueOf(v)));
        return Collections.unmodifiableMap(shown);
    }

    /** Writes every setting, secrets included, to a file only the owner can read. */
    public void writeTo(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Properties props = new Properties();
        rawValues().forEach((k, v) -> props.setProperty(k, v.text()));
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            props.store(w, "Alluvium settings for a child process (contains secrets)");
        }
    }

    /** Reads a file written by {@link #writeTo(Path)}. */
    public static AlluviumConfig readFrom(Path file) throws IOException {
        Properties props = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(r);
        }
        Map<String, ConfigDef.RawValue> raw = new HashMap<>();
        for (String name : props.stringPropertyNames()) {
            raw.put(name, new ConfigDef.RawValue(props.getProperty(name), file.toString()));
        }
        return of(raw);
    }

    private Map<String, ConfigDef.RawValue> rawValues() {
        Map<String, ConfigDef.RawValue> raw = new LinkedHashMap<>();
        values.forEach((k, v) -> raw.put(k, new ConfigDef.RawValue(textOf(v), "settings")));
        return raw;
    }

    private static String textOf(Object v) {
        if (v instanceof Password p) {
            return p.reveal();
        }
        if (v instanceof Duration d) {
            return ConfigDef.formatDuration(d);
        }
        return String.valueOf(v);
    }
}
