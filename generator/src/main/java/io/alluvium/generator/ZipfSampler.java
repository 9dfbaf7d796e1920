package io.alluvium.generator;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s: the skew of real keys, where a few
 * cities and users carry most of the traffic (s = 0 is uniform). A precomputed CDF and a binary search
 * keep a draw at about twenty comparisons.
 */
final class ZipfSampler {
    private final double[] cdf;

    ZipfSampler(int n, double exponent) {
        cdf = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1.0 / Math.pow(k + 1, exponent);
            cdf[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cdf[k] /= sum;
        }
        cdf[n - 1] = 1.0;
    }

    int sample(SplittableRandom rng) {
        int i = Arrays.binarySearch(cdf, rng.nextDouble());
        return i >= 0 ? i : -i - 1;
    }
}
