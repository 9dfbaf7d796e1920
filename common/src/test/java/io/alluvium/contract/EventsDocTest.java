package io.alluvium.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.alluvium.domain.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docs/events.md shows the event contract as declared ({@link EventContracts}): each table below, rendered from the
 * declaration, must stand in it word for word. A failure prints the table as it must read.
 */
class EventsDocTest {
    private static final Path EVENTS_MD = Path.of("").toAbsolutePath().getParent().resolve("docs/events.md");

    @Test
    void eachTopicsFieldsAreTheDeclaredOnes() throws IOException {
        String doc = Files.readString(EVENTS_MD);
        for (Topic topic : Topic.values()) {
            TopicContract contract = EventContracts.of(topic);
            assertThat(doc).as("docs/events.md shows the fields of " + topic).contains(table(contract.fields()));
            for (Field f : contract.fields()) {
                if (!f.items().isEmpty()) {
                    assertThat(doc).as("docs/events.md shows the fields of each of " + f.name())
                            .contains("Each element of `" + f.name() + "`:\n\n" + table(f.items()));
                }
            }
        }
    }

    @Test
    void theJsonTypesTheReasonsAndTheTimestampFormAreTheDeclaredOnes() throws IOException {
        String doc = Files.readString(EVENTS_MD);
        assertThat(doc).contains(rows("| JSON type | what the payload holds, else `wrong_type` |",
                Arrays.stream(JsonType.values()).map(t -> "| " + t.title() + " | " + t.meaning() + " |").toList()));
        assertThat(doc).contains(rows("| reason | the record |", Arrays.stream(Reason.values())
                .map(r -> "| `" + r.code() + "` | " + r.meaning() + " |").toList()));
        assertThat(doc).contains("`" + TimestampFormat.PATTERN + "`");
    }

    /** A table of fields: name, JSON type, then what the field must be. */
    private static String table(List<Field> fields) {
        return rows("| field | JSON type | rule |", fields.stream()
                .map(f -> "| " + f.name() + " | " + f.type().title() + " | " + rule(f) + " |").toList());
    }

    private static String rows(String header, List<String> rows) {
        String separator = header.replaceAll("[^|]+", "---");
        return header + "\n" + separator + "\n" + String.join("\n", rows) + "\n";
    }

    private static String rule(Field f) {
        List<String> parts = new ArrayList<>();
        if (f.required()) {
            parts.add("required");
        } else if (f.requiredWhen() != null) {
            parts.add("required when " + f.requiredWhen().field() + " is " + codes(f.requiredWhen().values(), " or ")
                    + ", else may be absent or null");
        } else {
            parts.add("optional (absent or null)");
        }
        if (!f.oneOf().isEmpty()) {
            parts.add("one of " + codes(f.oneOf(), ", "));
        }
        if (f.nonNegative()) {
            parts.add("not negative");
        }
        if (f.atLeast() != null) {
            parts.add("at least " + f.atLeast());
        }
        if (f.nonEmpty()) {
            parts.add("at least one element");
        }
        if (f.totalOf() != null) {
            parts.add("equals the sum of " + f.totalOf().quantity() + " × " + f.totalOf().price() + " over "
                    + f.totalOf().items());
        }
        if (!f.doc().isEmpty()) {
            parts.add(f.doc());
        }
        return String.join("; ", parts);
    }

    private static String codes(List<String> values, String separator) {
        return values.stream().map(v -> "`" + v + "`").collect(Collectors.joining(separator));
    }
}
