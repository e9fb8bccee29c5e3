package io.webhookactions.call;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The request as it was (or would have been) sent, for results and logs: every secret already masked.
 *
 * @param body the JSON body, or null for none
 */
public record SentRequest(String method, String url, Map<String, String> headers, JsonNode body) {

    public SentRequest {
        headers = headers == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(headers));
    }
}
