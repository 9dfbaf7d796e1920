package io.alluvium.config;

import java.util.Collection;

/**
 * The hint that ends a "not found" message when a known name is a typo away from the one given: an unknown setting
 * in {@code alluvium.yaml}, an unknown task of a pipeline. Shared so that every such message suggests the same way.
 */
public final class DidYouMean {
    private static final int MAX_DISTANCE = 3;

    private DidYouMean() {
    }

    /** {@code " (did you mean <nearest>?)"} when a known name is within three edits of {@code unknown}, else "". */
    public static String among(String unknown, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : known) {
            int d = editDistance(unknown, name);
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        return best != null && bestDistance <= MAX_DISTANCE ? " (did you mean " + best + "?)" : "";
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            int[] cur = new int[b.length() + 1];
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            prev = cur;
        }
        return prev[b.length()];
    }
}
