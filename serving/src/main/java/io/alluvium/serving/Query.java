package io.alluvium.serving;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query string of one request, checked against the parameters its endpoint takes: an unknown name (a typo
 * such as {@code limt}), a parameter given twice, given empty or unreadable is a {@link BadParameter}, never
 * silently ignored.
 */
final class Query {
    private final Map<String, List<String>> params;

    private Query(Map<String, List<String>> params) {
        this.params = params;
    }

    static Query of(Map<String, List<String>> params, String... accepted) {
        Set<String> names = Set.of(accepted);
        for (String name : new TreeSet<>(params.keySet())) {
            List<String> values = params.get(name);
            if (!names.contains(name)) {
                throw new BadParameter(name, "unknown parameter; this endpoint takes "
                        + (accepted.length == 0 ? "none" : String.join(", ", accepted)));
            }
            if (values.size() > 1) {
                throw new BadParameter(name, "given " + values.size() + " times; give it once");
            }
            if (values.isEmpty()) {
                throw new BadParameter(name, "cannot be read (a malformed %-escape?)");
            }
            if (values.get(0).isBlank()) {
                throw new BadParameter(name, "is empty");
            }
        }
        return new Query(params);
    }

    Optional<String> text(String name) {
        List<String> values = params.get(name);
        return values == null ? Optional.empty() : Optional.of(values.get(0));
    }

    String required(String name) {
        return text(name).orElseThrow(() -> new BadParameter(name, "is required"));
    }

    Optional<Instant> time(String name) {
        return text(name).map(text -> TimeRange.parseTime(name, text));
    }

    int integer(String name, int byDefault, int min, int max) {
        Optional<String> text = text(name);
        if (text.isEmpty()) {
            return byDefault;
        }
        try {
            int value = Integer.parseInt(text.get());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new BadParameter(name, "expected a whole number between " + min + " and " + max + ", got \""
                + text.get() + "\"");
    }
}
