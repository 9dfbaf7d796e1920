package io.alluvium.cli.settings;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.alluvium.config.ConfigDef.RawValue;
import io.alluvium.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads {@code alluvium.yaml} into flat setting names ({@code kafka: {port: 1}} is {@code kafka.port})
 * and remembers the line of every value, so that a bad value is reported as "alluvium.yaml line 7:
 * kafka.port: ...". A section or key written twice (two {@code kafka:} blocks) is refused with both lines,
 * rather than one silently merged into or over the other. Validation itself is
 * {@link io.alluvium.config.ConfigDef}'s job.
 */
public final class YamlSettingsFile {
    private static final YAMLFactory YAML = new YAMLFactory();

    private YamlSettingsFile() {
    }

    public static Map<String, RawValue> read(Path file) {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("--config", "", "no such file: " + file);
        }
        Map<String, RawValue> values = new LinkedHashMap<>();
        try (JsonParser p = YAML.createParser(file.toFile())) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return values;
            }
            if (first != JsonToken.START_OBJECT) {
                throw new ConfigException(name, "line " + line(p),
                        "the file must be a mapping of settings (key: value), not a " + first.asString());
            }
            readMapping(p, "", name, values, new HashMap<>());
        } catch (JsonProcessingException e) {
            throw new ConfigException(name, "line " + e.getLocation().getLineNr(),
                    "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(name, "", "cannot read: " + e.getMessage());
        }
        return values;
    }

    /** @param lines the line of every section and key read so far, by its full name */
    private static void readMapping(JsonParser p, String prefix, String file, Map<String, RawValue> out,
                                    Map<String, Integer> lines) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + p.currentName();
            int keyLine = line(p);
            Integer first = lines.putIfAbsent(key, keyLine);
            JsonToken value = p.nextToken();
            if (first != null) {
                throw new ConfigException(key, file + " lines " + first + " and " + keyLine, value == JsonToken.START_OBJECT
                        ? "section written twice: put all its keys under one " + p.currentName() + ":"
                        : "written twice: keep the one you mean");
            }
            String origin = file + " line " + line(p);
            switch (value) {
                case START_OBJECT -> readMapping(p, key + ".", file, out, lines);
                case START_ARRAY -> throw new ConfigException(key, origin, "a list is not allowed here");
                case VALUE_NULL -> out.put(key, new RawValue("", origin));
                default -> out.put(key, new RawValue(p.getText(), origin));
            }
        }
    }

    private static int line(JsonParser p) {
        return p.currentTokenLocation().getLineNr();
    }
}
