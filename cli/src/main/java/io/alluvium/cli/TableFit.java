package io.alluvium.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * How a table fits a console of a given width, cutting as few columns as it can: the widest column is narrowed
 * first, only as far as needed and to no less than {@link #MIN_CELL} characters, then the next widest; when even
 * every column at that width does not fit, the columns on the right are left out. The first column, which names
 * the row, is cut last. Widths are of the cells' text,
 * as the ascii-table library draws them with {@code | } and {@code  |} around each cell.
 *
 * @param widths the width of each column shown, from the left: its natural width, or less where it is cut
 */
record TableFit(List<Integer> widths) {
    /** Cells are cut no narrower than this, so that what remains of them still says something. */
    static final int MIN_CELL = 10;

    /** @param natural each column's widest text, header included */
    static TableFit of(List<Integer> natural, int limit) {
        List<Integer> widths = new ArrayList<>(natural);
        while (widths.size() > 2 && drawn(narrowest(widths)) > limit) {
            widths.remove(widths.size() - 1);
        }
        List<Integer> order = new ArrayList<>(IntStream.range(1, widths.size()).boxed()
                .sorted(Comparator.comparing(widths::get).reversed()).toList());
        order.add(0);
        for (int column : order) {
            int excess = drawn(widths) - limit;
            if (excess <= 0) {
                break;
            }
            widths.set(column, Math.max(Math.min(widths.get(column), MIN_CELL), widths.get(column) - excess));
        }
        return new TableFit(List.copyOf(widths));
    }

    /** The widths cut as far as they may be: the first column, which names the row, whole. */
    private static List<Integer> narrowest(List<Integer> widths) {
        List<Integer> narrowest = new ArrayList<>(widths.subList(0, 1));
        widths.subList(1, widths.size()).forEach(w -> narrowest.add(Math.min(w, MIN_CELL)));
        return narrowest;
    }

    /** How many columns, from the left, are shown. */
    int shown() {
        return widths.size();
    }

    /** Width of the drawn table: "| a | b |". */
    private static int drawn(List<Integer> widths) {
        return 1 + widths.stream().mapToInt(w -> w + 3).sum();
    }
}
