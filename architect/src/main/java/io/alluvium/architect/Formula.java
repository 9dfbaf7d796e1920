package io.alluvium.architect;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A figure and the arithmetic that produced it, as one tree of operands. Exists so that the report's
 * formulas cannot disagree with its numbers: {@link #value()} and {@link #text()} are both derived from
 * the same operands (inputs, earlier figures and the model's constants), so a constant that changes
 * changes its text with it.
 *
 * <p>The text is plain arithmetic a reader can retype into a calculator (architect/README.md, *Reading a formula*):
 * each operand prints as a number and an optional unit ({@code 40 MB/s}, {@code 1.5 headroom}); a size
 * unit ({@code B KB MB GB TB PB}, alone or before a {@code /}) scales its number, so {@code 5 TB/day} is
 * 5e12 bytes a day and operands are held in bytes; operators are {@code x / +} with parentheses where
 * precedence needs them, and {@code ceil(..)}, {@code max(.., ..)}, {@code min(.., ..)}; notes in
 * {@code [brackets]} are commentary. Units and notes carry no digits: every number printed is an operand.
 */
sealed interface Formula permits Formula.Operand, Formula.Binary, Formula.Call, Formula.Noted {
    /** Binding strength for printing: a sum inside a product needs parentheses. */
    int SUM = 1;
    int PRODUCT = 2;
    int ATOM = 3;

    double value();

    String text();

    int precedence();

    /** A number in a unit that does not scale: a count, a ratio, seconds, days ("" for none). */
    static Formula of(double value, String unit) {
        if (Quantities.unitScale(unit) != 1) {
            throw new IllegalArgumentException("\"" + unit + "\" is a size unit: use inSizeUnit");
        }
        return new Operand(value, Quantities.number(value) + (unit.isEmpty() ? "" : " " + checked(unit)));
    }

    /** Bytes, printed as a size ("5 TB") followed by {@code suffix} (such as "/day" or " per file"). */
    static Formula bytes(double bytes, String suffix) {
        return new Operand(bytes, Quantities.size(bytes) + checked(suffix));
    }

    /**
     * A quantity stated in a size unit or a rate of one ({@code "GB"}, {@code "MB/s"}, {@code "MB/s per partition"}):
     * printed as stated, held in bytes (or bytes per second) like every other size.
     */
    static Formula inSizeUnit(double value, String unit) {
        return new Operand(value * Quantities.unitScale(unit), Quantities.number(value) + " " + checked(unit));
    }

    static Formula ceil(Formula f) {
        return new Call("ceil", List.of(f), Math.ceil(f.value()));
    }

    static Formula max(Formula... fs) {
        return new Call("max", List.of(fs), Arrays.stream(fs).mapToDouble(Formula::value).max().orElseThrow());
    }

    static Formula min(Formula... fs) {
        return new Call("min", List.of(fs), Arrays.stream(fs).mapToDouble(Formula::value).min().orElseThrow());
    }

    /** {@code multiple x ceil(f / multiple)}: the next multiple at or above f (brokers and partitions come in threes, one per AZ). */
    static Formula roundUp(Formula f, double multiple) {
        return of(multiple, "").times(ceil(f.over(of(multiple, ""))));
    }

    default Formula times(Formula o) {
        return new Binary(this, "x", o, value() * o.value());
    }

    default Formula times(double v, String unit) {
        return times(of(v, unit));
    }

    default Formula over(Formula o) {
        return new Binary(this, "/", o, value() / o.value());
    }

    default Formula plus(Formula o) {
        return new Binary(this, "+", o, value() + o.value());
    }

    /** The same formula followed by a comment in brackets. */
    default Formula note(String note) {
        return new Noted(this, checked(note));
    }

    /**
     * Units and notes are words: a number in them would be printed without taking part in the value. A word may hold
     * digits ("S3", "m7g"); a word that starts with one is a number.
     */
    private static String checked(String words) {
        if (NUMBER_WORD.matcher(words).find()) {
            throw new IllegalArgumentException("\"" + words + "\" holds a number: make it an operand");
        }
        return words;
    }

    Pattern NUMBER_WORD = Pattern.compile("(^|[\\s(\\[,])[-+]?[0-9]");

    /** A number with its printed form. */
    record Operand(double value, String text) implements Formula {
        @Override
        public int precedence() {
            return ATOM;
        }
    }

    /** Two formulas joined by x, / or +. */
    record Binary(Formula left, String operator, Formula right, double value) implements Formula {
        @Override
        public int precedence() {
            return operator.equals("x") || operator.equals("/") ? PRODUCT : SUM;
        }

        @Override
        public String text() {
            boolean leftParens = left.precedence() < precedence();
            boolean rightParens = right.precedence() < precedence()
                    || right.precedence() == precedence() && operator.equals("/");
            return wrap(left, leftParens) + " " + operator + " " + wrap(right, rightParens);
        }

        private static String wrap(Formula f, boolean parens) {
            return parens ? "(" + f.text() + ")" : f.text();
        }
    }

    /** ceil, max or min of formulas. */
    record Call(String function, List<Formula> args, double value) implements Formula {
        @Override
        public int precedence() {
            return ATOM;
        }

        @Override
        public String text() {
            return function + "(" + String.join(", ", args.stream().map(Formula::text).toList()) + ")";
        }
    }

    /** A formula and a comment on it. */
    record Noted(Formula formula, String note) implements Formula {
        @Override
        public double value() {
            return formula.value();
        }

        @Override
        public String text() {
            return formula.text() + " [" + note + "]";
        }

        @Override
        public int precedence() {
            return formula.precedence();
        }
    }
}
