package io.alluvium.serving;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One GET endpoint of {@code alluvium serve}: the answer to a request, given its query and the variables of its
 * path. A failure (a {@link BadParameter}, the store unreachable, a value breaking the contract) is thrown, and
 * {@link ApiHandler} answers it as the JSON error of docs/serving-api.md.
 */
@FunctionalInterface
interface Endpoint {
    Answer answer(Map<String, List<String>> query, Map<String, String> pathVariables);

    /** An HTTP status and its JSON body. */
    record Answer(int status, JsonNode body) {
        static Answer ok(JsonNode body) {
            return new Answer(200, body);
        }
    }
}
