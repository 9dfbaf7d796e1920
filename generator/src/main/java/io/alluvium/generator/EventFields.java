package io.alluvium.generator;

import java.util.Arrays;

/**
 * One event as an ordered list of JSON fields, each value JSON text or a string to be quoted. Building
 * events this way lets every kind of malformed record be the valid event with one field removed or
 * replaced, and serialises without a JSON library on the generator's hot path: values are generated,
 * so ASCII without characters to escape, and {@link #toJson()} writes their bytes once, into an array of
 * the exact size.
 */
final class EventFields {
    private String[] names = new String[12];
    private String[] values = new String[12];
    /** Whether {@code values[i]} is a string's text, written between quotes. */
    private boolean[] quoted = new boolean[12];
    private int size;

    static String quote(String text) {
        return '"' + text + '"';
    }

    /** Money in cents as a JSON number with two decimals ({@code 1250} is {@code 12.50}). */
    static String money(long cents) {
        long abs = Math.abs(cents);
        long fraction = abs % 100;
        return (cents < 0 ? "-" : "") + abs / 100 + (fraction < 10 ? ".0" : ".") + fraction;
    }

    /** Adds a field the event does not have yet, its value JSON text: how an event is built. */
    EventFields add(String name, String jsonValue) {
        return append(name, jsonValue, false);
    }

    /** Adds a string field the event does not have yet ({@code null} writes JSON null). */
    EventFields addText(String name, String text) {
        return text == null ? append(name, "null", false) : append(name, text, true);
    }

    /** Sets a field, replacing its value if the event has it: how a malformed variant is made. */
    EventFields put(String name, String jsonValue) {
        return set(name, jsonValue, false);
    }

    private EventFields set(String name, String value, boolean isText) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                values[i] = value;
                quoted[i] = isText;
                return this;
            }
        }
        return append(name, value, isText);
    }

    private EventFields append(String name, String value, boolean isText) {
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
            quoted = Arrays.copyOf(quoted, size * 2);
        }
        names[size] = name;
        values[size] = value;
        quoted[size] = isText;
        size++;
        return this;
    }

    /** The field's value as JSON text (a string quoted). */
    String get(String name) {
        int i = indexOf(name);
        return quoted[i] ? quote(values[i]) : values[i];
    }

    /** The text of a string field, unquoted. */
    String text(String name) {
        int i = indexOf(name);
        if (!quoted[i]) {
            throw new IllegalArgumentException("field " + name + " is not a string: " + values[i]);
        }
        return values[i];
    }

    private int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no field " + name);
    }

    EventFields remove(String name) {
        int i = indexOf(name);
        System.arraycopy(names, i + 1, names, i, size - i - 1);
        System.arraycopy(values, i + 1, values, i, size - i - 1);
        System.arraycopy(quoted, i + 1, quoted, i, size - i - 1);
        size--;
        return this;
    }

    /** {@code {"name":value,...}} in UTF-8 (the ASCII of the generated values), written once into its array. */
    byte[] toJson() {
        int length = 1 + size; // the braces and the commas between fields
        for (int i = 0; i < size; i++) {
            length += names[i].length() + 3 + values[i].length() + (quoted[i] ? 2 : 0);
        }
        byte[] json = new byte[length];
        int at = 0;
        json[at++] = '{';
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json[at++] = ',';
            }
            json[at++] = '"';
            at = ascii(names[i], json, at);
            json[at++] = '"';
            json[at++] = ':';
            if (quoted[i]) {
                json[at++] = '"';
                at = ascii(values[i], json, at);
                json[at++] = '"';
            } else {
                at = ascii(values[i], json, at);
            }
        }
        json[at] = '}';
        return json;
    }

    /**
     * Copies {@code text}'s characters as bytes: one array copy for the Latin-1 strings the generator makes (its
     * values are ASCII), where encoding would copy twice. This is what the deprecated overload is for.
     */
    @SuppressWarnings("deprecation")
    private static int ascii(String text, byte[] into, int at) {
        text.getBytes(0, text.length(), into, at);
        return at + text.length();
    }
}
