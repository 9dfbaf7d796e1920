package io.alluvium.domain;

import java.util.Arrays;

/** A table of the platform by layer and name, e.g. {@code silver.orders}. */
public record TableId(Layer layer, String name) {

    /** Parses {@code layer.name}, the form users type. */
    public static TableId parse(String qualified) {
        int dot = qualified.indexOf('.');
        if (dot <= 0 || dot == qualified.length() - 1) {
            throw new IllegalArgumentException("expected a table as layer.name (e.g. bronze.orders), got \""
                    + qualified + "\"");
        }
        String ns = qualified.substring(0, dot);
        Layer layer = Arrays.stream(Layer.values())
                .filter(l -> l.namespace().equals(ns))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown layer \"" + ns
                        + "\" (expected bronze, silver, quarantine or gold)"));
        return new TableId(layer, qualified.substring(dot + 1));
    }

    public String namespace() {
        return layer.namespace();
    }

    @Override
    public String toString() {
        return layer.namespace() + "." + name;
    }
}
