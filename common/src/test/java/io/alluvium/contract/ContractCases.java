package io.alluvium.contract;

import io.alluvium.domain.Topic;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The shared table of crafted payloads of the event contract ({@code event-contract-cases.txt}, beside this
 * class, whose header says how it is written), read once: each engine module's test runs every case through its
 * own interpreter of the contract and expects the case's reason, so both engines answer alike.
 */
public final class ContractCases {
    /** The table in the test jar of common, read by the engine modules' tests. */
    static final String RESOURCE = "event-contract-cases.txt";
    private static final String SEPARATOR = " | ";
    private static final String EDIT = " => ";
    private static final List<Case> ALL = read();

    /**
     * One crafted payload and what the contract says of it.
     *
     * @param reason  the reason code the record is rejected with; null when it is a valid event
     * @param payload the Kafka record's value as text; null for a record without one
     */
    public record Case(Topic topic, String name, String reason, String payload) {
        /** The record's value as the Kafka source gets it: UTF-8 bytes, or null. */
        public byte[] bytes() {
            return payload == null ? null : payload.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return topic + ": " + name;
        }
    }

    private ContractCases() {
    }

    /** Every case of the table, topic by topic, in the table's order. */
    public static List<Case> all() {
        return ALL;
    }

    public static List<Case> of(Topic topic) {
        return ALL.stream().filter(c -> c.topic() == topic).toList();
    }

    private static List<Case> read() {
        try (InputStream in = ContractCases.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath beside " + ContractCases.class);
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Case> parse(List<String> lines) {
        List<Case> cases = new ArrayList<>();
        Topic topic = null;
        String base = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            String where = RESOURCE + " line " + (i + 1) + ": ";
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("topic ")) {
                topic = Topic.fromName(line.substring("topic ".length()).strip());
                base = null;
            } else if (line.startsWith("base ")) {
                base = line.substring("base ".length()).strip();
                cases.add(new Case(topic, "the base event", null, base));
            } else if (topic == null || base == null) {
                throw new IllegalStateException(where + "a case before its topic's base");
            } else {
                Case c = caseOf(topic, base, line, where);
                if (cases.stream().anyMatch(other -> other.topic() == c.topic() && other.name().equals(c.name()))) {
                    throw new IllegalStateException(where + "a second case named \"" + c.name() + "\"");
                }
                cases.add(c);
            }
        }
        return List.copyOf(cases);
    }

    private static Case caseOf(Topic topic, String base, String line, String where) {
        String[] columns = line.split(Pattern.quote(SEPARATOR), -1);
        if (columns.length < 3) {
            throw new IllegalStateException(where + "expected <reason> | <case> | <edit>...");
        }
        String reason = columns[0].strip();
        if (!reason.equals("valid") && Arrays.stream(Reason.values()).noneMatch(r -> r.code().equals(reason))) {
            throw new IllegalStateException(where + "unknown reason code \"" + reason + "\"");
        }
        String payload = base;
        for (int c = 2; c < columns.length; c++) {
            payload = edited(payload, columns[c].strip(), where);
        }
        if (base.equals(payload)) {
            throw new IllegalStateException(where + "the edits leave the base as it is");
        }
        return new Case(topic, columns[1].strip(), reason.equals("valid") ? null : reason, payload);
    }

    private static String edited(String payload, String edit, String where) {
        if (edit.equals("no payload")) {
            return null;
        }
        if (edit.equals("raw") || edit.startsWith("raw ")) {
            return edit.substring("raw".length()).strip();
        }
        int arrow = (edit + " ").indexOf(EDIT);
        if (arrow < 0 || payload == null) {
            throw new IllegalStateException(where + "not an edit of the payload: " + edit);
        }
        String text = edit.substring(0, arrow);
        String replacement = edit.substring(Math.min(edit.length(), arrow + EDIT.length()));
        int at = payload.indexOf(text);
        if (at < 0 || payload.indexOf(text, at + 1) >= 0) {
            throw new IllegalStateException(where + "\"" + text + "\" must occur exactly once in " + payload);
        }
        return payload.substring(0, at) + replacement + payload.substring(at + text.length());
    }
}
