package io.alluvium.architect;

import java.util.List;

/**
 * The service chosen for a layer, the open-source engine Alluvium runs in its place locally, why it was
 * chosen, and each alternative with why it was not (seed step 3: "explain WHY, not WHAT").
 */
public record ServiceChoice(Layer layer, String service, String engine, String why, List<Rejected> rejected) {

    /** An alternative that lost, and the reason. */
    public record Rejected(String alternative, String whyNot) {
    }
}
