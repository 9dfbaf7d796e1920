package io.alluvium.architect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a printed formula the way a reader with a calculator would, knowing only its text: numbers, size
 * units, x / + -, parentheses, ceil/max/min (architect/README.md, *Reading a formula*). A printed number stands for
 * every value that prints the same, so each evaluates to an interval; a formula agrees with its figure when
 * their intervals meet. Independent of {@link Formula}: it never sees the operands, only what was printed.
 */
final class Recalculator {
    private static final Pattern NUMBER = Pattern.compile("[0-9][0-9,]*(\\.[0-9]+)?(e[-+]?[0-9]+)?");
    private static final Pattern SIZE = Pattern.compile("(B|KB|MB|GB|TB|PB|EB)([-/].*)?");
    private static final Map<String, Double> SIZES = Map.of("B", 1.0, "KB", 1e3, "MB", 1e6, "GB", 1e9, "TB", 1e12, "PB", 1e15, "EB", 1e18);

    private final List<Object> tokens = new ArrayList<>();
    private int at;

    /** Lowest and highest value a printed expression may stand for. */
    record Span(double lo, double hi) {
        Span times(Span o) {
            double[] p = {lo * o.lo, lo * o.hi, hi * o.lo, hi * o.hi};
            return new Span(Math.min(Math.min(p[0], p[1]), Math.min(p[2], p[3])), Math.max(Math.max(p[0], p[1]), Math.max(p[2], p[3])));
        }

        Span over(Span o) {
            if (o.lo <= 0 && o.hi >= 0) {
                return new Span(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            }
            return times(new Span(1 / o.hi, 1 / o.lo));
        }

        Span plus(Span o) {
            return new Span(lo + o.lo, hi + o.hi);
        }

        Span minus(Span o) {
            return new Span(lo - o.hi, hi - o.lo);
        }

        /** Floating-point arithmetic may land a hair above a whole number the exact arithmetic reaches. */
        Span ceil() {
            return new Span(Math.ceil(lo - 1e-9 * Math.max(1, Math.abs(lo))), Math.ceil(hi));
        }

        Span max(Span o) {
            return new Span(Math.max(lo, o.lo), Math.max(hi, o.hi));
        }

        Span min(Span o) {
            return new Span(Math.min(lo, o.lo), Math.min(hi, o.hi));
        }

        boolean meets(Span o) {
            double slack = 1e-9 * Math.max(1, Math.max(Math.abs(hi), Math.abs(o.hi)));
            return lo <= o.hi + slack && o.lo <= hi + slack;
        }
    }

    private Recalculator(String text) {
        String plain = text.replaceAll("\\[[^\\]]*\\]", " ").replace("(", " ( ").replace(")", " ) ").replace(", ", " , ");
        String[] words = plain.trim().split("\\s+");
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (NUMBER.matcher(w).matches()) {
                Span s = printed(w);
                if (i + 1 < words.length && SIZE.matcher(words[i + 1]).matches()) {
                    double scale = SIZES.get(words[i + 1].split("[-/]")[0]);
                    s = new Span(s.lo * scale, s.hi * scale);
                }
                tokens.add(s);
            } else if (List.of("x", "/", "+", "-", "(", ")", ",").contains(w)) {
                tokens.add(w);
            } else if (List.of("ceil", "max", "min").contains(w) && i + 1 < words.length && words[i + 1].equals("(")) {
                tokens.add(w.toUpperCase(Locale.ROOT));
            }
        }
    }

    /** The interval a printed text (a figure with its unit, or a whole formula) stands for. */
    static Span evaluate(String text) {
        Recalculator r = new Recalculator(text);
        Span s = r.sum();
        if (r.at != r.tokens.size()) {
            throw new IllegalArgumentException("cannot read \"" + text + "\" past token " + r.at + ": " + r.tokens);
        }
        return s;
    }

    /** How {@code Quantities.number} rounds: no decimals from 100, then 1, 2 or 4; three significant digits below 0.001. */
    private static Span printed(String word) {
        double v = Double.parseDouble(word.replace(",", ""));
        double err = word.contains("e") ? v * 0.005 : v >= 100 ? 0.5 : v >= 10 ? 0.05 : v >= 1 ? 0.005 : 0.00005;
        return new Span(v - err, v + err);
    }

    private Span sum() {
        Span s = product();
        while (at < tokens.size() && (tokens.get(at).equals("+") || tokens.get(at).equals("-"))) {
            Object op = tokens.get(at++);
            s = op.equals("+") ? s.plus(product()) : s.minus(product());
        }
        return s;
    }

    private Span product() {
        Span s = factor();
        while (at < tokens.size() && (tokens.get(at).equals("x") || tokens.get(at).equals("/"))) {
            Object op = tokens.get(at++);
            s = op.equals("x") ? s.times(factor()) : s.over(factor());
        }
        return s;
    }

    private Span factor() {
        Object t = tokens.get(at++);
        if (t instanceof Span s) {
            return s;
        }
        if (t.equals("(")) {
            Span s = sum();
            expect(")");
            return s;
        }
        expect("(");
        Span s = sum();
        while (tokens.get(at).equals(",")) {
            at++;
            Span next = sum();
            s = t.equals("MAX") ? s.max(next) : s.min(next);
        }
        expect(")");
        return t.equals("CEIL") ? s.ceil() : s;
    }

    private void expect(String token) {
        if (!tokens.get(at++).equals(token)) {
            throw new IllegalArgumentException("expected " + token + " at token " + (at - 1) + " of " + tokens);
        }
    }
}
