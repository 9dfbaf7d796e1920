package io.alluvium.cli;

import io.alluvium.config.ConfigDef;
import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * How the values of options are read, for every command: durations as settings write them ({@code 500ms},
 * {@code 5s}), whole numbers as people write them ({@code 200000} or {@code 200_000}). A value that is none is
 * one line saying what is expected ("expected a duration such as 500ms, 5s, 2m or 1h, got "fast""), never a Java
 * type or exception.
 */
final class OptionValues {
    private OptionValues() {
    }

    static void register(CommandLine cmd) {
        cmd.registerConverter(Duration.class, text -> read(text, ConfigDef::parseDuration));
        ITypeConverter<Long> longs = wholeNumber(Long::parseLong);
        cmd.registerConverter(Long.class, longs);
        cmd.registerConverter(Long.TYPE, longs);
        ITypeConverter<Integer> ints = wholeNumber(Integer::parseInt);
        cmd.registerConverter(Integer.class, ints);
        cmd.registerConverter(Integer.TYPE, ints);
    }

    private static <T> ITypeConverter<T> wholeNumber(Function<String, T> parse) {
        return text -> read(text, t -> {
            try {
                return parse.apply(t.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("expected a whole number, got \"" + t + "\"", e);
            }
        });
    }

    /** @param parse throws IllegalArgumentException saying what it expects */
    private static <T> T read(String text, Function<String, T> parse) {
        try {
            return parse.apply(text.strip());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
