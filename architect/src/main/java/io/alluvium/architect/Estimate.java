package io.alluvium.architect;

/**
 * One capacity figure with the arithmetic that produced it, so that the reader can check it with a
 * calculator ("events/s peak = 1,157,407 x 3 = 3,472,222").
 */
public record Estimate(String id, String label, double value, String unit, String formula) {
}
