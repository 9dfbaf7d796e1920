package io.alluvium.generator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One event as an ordered list of JSON fields, each value already JSON text. Building events this way
 * lets every kind of malformed record be the valid event with one field removed or replaced, and
 * serialises without a JSON library on the generator's hot path (values are generated, so ASCII-safe).
 */
final class EventFields {
    private String[] names = new String[12];
    private String[] values = new String[12];
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

    EventFields put(String name, String jsonValue) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                values[i] = jsonValue;
                return this;
            }
        }
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        names[size] = name;
        values[size] = jsonValue;
        size++;
        return this;
    }

    EventFields putString(String name, String text) {
        return put(name, text == null ? "null" : quote(text));
    }

    String get(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return values[i];
            }
        }
        throw new IllegalArgumentException("no field " + name);
    }

    EventFields remove(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                System.arraycopy(names, i + 1, names, i, size - i - 1);
                System.arraycopy(values, i + 1, values, i, size - i - 1);
                size--;
                return this;
            }
        }
        throw new IllegalArgumentException("no field " + name);
    }

    byte[] toJson() {
        StringBuilder sb = new StringBuilder(256);
        sb.append('{');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append('"').append(names[i]).append("\":").append(values[i]);
        }
        return sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }
}
