package io.alluvium.generator;

import java.util.HexFormat;

/**
 * A well-spread 64-bit value from a seed and an index (SplitMix64's finalizer): SplittableRandom does not
 * mix nearby seeds by itself, and the generator derives many independent streams (one per order, per
 * card, per planted case) from one run seed.
 */
final class SeedMix {
    private SeedMix() {
    }

    static long mix(long seed, long k) {
        long z = seed * 0x9E3779B97F4A7C15L + k;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A card fingerprint as the payments stream writes them: 16 hex digits (lower case, zero-padded). */
    static String fingerprint(long value) {
        return HexFormat.of().toHexDigits(value);
    }
}
