package io.alluvium.flink.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What differs between two {@link StoreSnapshot}s, readable in a failure message: the keys only in one of
 * them and the keys whose values differ (side by side), at most {@link #SHOWN} of each, with the count of
 * each kind per view (the key's first part: {@code city_minute}, {@code user}, …) so that the whole
 * difference is summarized even when only part of it is listed. Empty when the snapshots are equal.
 */
public final class StoreDifference {
    static final int SHOWN = 30;

    private StoreDifference() {
    }

    /** The difference of {@code left} and {@code right}, or "" when equal. */
    public static String between(String leftName, Map<String, String> left, String rightName, Map<String, String> right) {
        List<String> onlyLeft = new ArrayList<>();
        List<String> onlyRight = new ArrayList<>();
        List<String> differing = new ArrayList<>();
        for (String key : new TreeSet<>(left.keySet())) {
            if (!right.containsKey(key)) {
                onlyLeft.add(key);
            } else if (!left.get(key).equals(right.get(key))) {
                differing.add(key);
            }
        }
        for (String key : new TreeSet<>(right.keySet())) {
            if (!left.containsKey(key)) {
                onlyRight.add(key);
            }
        }
        if (onlyLeft.isEmpty() && onlyRight.isEmpty() && differing.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder()
                .append("the stores differ (").append(left.size()).append(" keys ").append(leftName).append(", ")
                .append(right.size()).append(' ').append(rightName).append(")\n");
        section(out, "only " + leftName, onlyLeft, key -> key + " = " + left.get(key));
        section(out, "only " + rightName, onlyRight, key -> key + " = " + right.get(key));
        section(out, "differing (" + leftName + " | " + rightName + ")", differing,
                key -> key + ":\n      " + leftName + ": " + left.get(key) + "\n      " + rightName + ": "
                        + right.get(key));
        return out.toString();
    }

    private static void section(StringBuilder out, String title, List<String> keys,
            Function<String, String> line) {
        if (keys.isEmpty()) {
            return;
        }
        Map<String, Long> perView = keys.stream().collect(Collectors.groupingBy(
                key -> key.contains(":") ? key.substring(0, key.indexOf(':')) : key, TreeMap::new,
                Collectors.counting()));
        out.append("  ").append(title).append(": ").append(keys.size()).append(" keys ").append(perView)
                .append('\n');
        keys.stream().limit(SHOWN).forEach(key -> out.append("    ").append(line.apply(key)).append('\n'));
        if (keys.size() > SHOWN) {
            out.append("    … ").append(keys.size() - SHOWN).append(" more\n");
        }
    }
}
