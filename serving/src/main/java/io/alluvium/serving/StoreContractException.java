package io.alluvium.serving;

/**
 * The serving store holds a value that breaks the contract of {@code flink-jobs/REALTIME.md} (a count that is not
 * a number, evidence that is not JSON): the writer is at fault, not the request, and the message names the
 * key and field so that it can be found.
 */
public final class StoreContractException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreContractException(String key, String field, String problem) {
        this("key " + key + ", field " + field + ": " + problem);
    }

    /** @param problem what is wrong, naming key and field */
    StoreContractException(String problem) {
        super("serving store " + problem);
    }
}
