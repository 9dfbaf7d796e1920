package io.alluvium.architect;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A parsed YAML or JSON document plus the line of every field in it. Exists because a JsonNode forgets
 * where it came from, and an error that names the file line is the one a user can fix. A key stated
 * twice in one mapping is rejected with both lines: a tree keeps only the last value, silently.
 */
final class SourceLines {
    private final String source;
    private final JsonNode root;
    private final Map<String, Integer> lineByPointer;

    private SourceLines(String source, JsonNode root, Map<String, Integer> lineByPointer) {
        this.source = source;
        this.root = root;
        this.lineByPointer = lineByPointer;
    }

    static SourceLines parse(ObjectMapper mapper, String source, String text) {
        Map<String, Integer> lines = new HashMap<>();
        Map<String, Integer> keyLines = new HashMap<>();
        try (JsonParser parser = mapper.getFactory().createParser(text)) {
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                int line = parser.currentTokenLocation().getLineNr();
                if (t == JsonToken.FIELD_NAME) {
                    Integer first = keyLines.putIfAbsent(pointer, line);
                    if (first != null) {
                        throw new InvalidInputException(source, line, dotted(pointer), "duplicate key (first at line " + first
                                + ", again at line " + line + "; state it once: otherwise the last value would silently win)");
                    }
                }
                lines.putIfAbsent(pointer, line);
            }
            JsonNode root = mapper.readTree(text);
            if (root == null || !root.isObject()) {
                throw new InvalidInputException(source, 1, "(document)", "expected a mapping of keys at the top level");
            }
            return new SourceLines(source, root, lines);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new InvalidInputException(source, line, "(document)", "not valid: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInputException(source, 0, "(document)", "cannot be read: " + e.getMessage());
        }
    }

    /** "/volume/per_day" -> "volume.per_day", the way fields are named in messages. */
    private static String dotted(String pointer) {
        return pointer.substring(1).replace('/', '.');
    }

    String source() {
        return source;
    }

    JsonNode root() {
        return root;
    }

    /** The line of a dotted field such as {@code volume.per_day}; 0 when unknown. */
    int line(String field) {
        return lineByPointer.getOrDefault("/" + field.replace('.', '/'), 0);
    }

    InvalidInputException error(String field, String message) {
        return new InvalidInputException(source, line(field), field, message);
    }
}
