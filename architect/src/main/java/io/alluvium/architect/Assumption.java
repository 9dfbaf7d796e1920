package io.alluvium.architect;

/**
 * A value the requirements file did not state and the architect filled in. Exists because
 * "clarify requirements" is step 1 of the method: the report lists every assumption first, so a
 * reviewer can challenge it.
 */
public record Assumption(String field, String value, String reason) {
}
