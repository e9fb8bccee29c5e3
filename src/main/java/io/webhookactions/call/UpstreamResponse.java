package io.webhookactions.call;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A response as received: status, headers (name -> value, repeated headers joined with ", ") and the
 * body bytes (empty array for no body).
 */
public record UpstreamResponse(int status, Map<String, String> headers, byte[] body) {

    public UpstreamResponse {
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** The body as text (UTF-8, malformed bytes replaced), or null when there was none. */
    public String bodyText() {
        return body.length == 0 ? null : new String(body, StandardCharsets.UTF_8);
    }

    /** A header by name, case-insensitively. */
    public String header(String name) {
        for (Map.Entry<String, String> entry : headers.entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name)) {
                return entry.getValue();
            }
        }
        return null;
    }
}
