package io.alluvium.generator;

import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s: the skew of real keys, where a few
 * cities and users carry most of the traffic (s = 0 is uniform). An alias table (Vose's method) makes a
 * draw O(1) from one random double: its integer part picks a column, its fraction decides between the
 * column's own rank and its alias. The generator draws several ranks per event, so a draw's cost is
 * part of every event's.
 */
final class ZipfSampler {
    /** The chance that a draw landing in column i keeps rank i (else it takes {@code alias[i]}). */
    private final double[] keep;
    private final int[] alias;

    ZipfSampler(int n, double exponent) {
        double[] weight = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            weight[k] = 1.0 / Math.pow(k + 1, exponent);
            sum += weight[k];
        }
        keep = new double[n];
        alias = new int[n];
        ArrayDeque<Integer> small = new ArrayDeque<>();
        ArrayDeque<Integer> large = new ArrayDeque<>();
        double[] scaled = new double[n];
        for (int k = 0; k < n; k++) {
            scaled[k] = weight[k] * n / sum;
            (scaled[k] < 1.0 ? small : large).add(k);
        }
        while (!small.isEmpty() && !large.isEmpty()) {
            int s = small.poll();
            int l = large.poll();
            keep[s] = scaled[s];
            alias[s] = l;
            scaled[l] -= 1.0 - scaled[s];
            (scaled[l] < 1.0 ? small : large).add(l);
        }
        // what is left holds a full column (1.0 up to rounding)
        for (ArrayDeque<Integer> rest : List.of(small, large)) {
            for (int k : rest) {
                keep[k] = 1.0;
                alias[k] = k;
            }
        }
    }

    int sample(SplittableRandom rng) {
        double u = rng.nextDouble() * keep.length;
        int column = Math.min((int) u, keep.length - 1);
        return u - column < keep[column] ? column : alias[column];
    }
}
