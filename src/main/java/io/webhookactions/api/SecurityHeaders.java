package io.webhookactions.api;

import io.vertx.core.MultiMap;

/**
 * The headers every answer of the service carries (SPEC §10): no content sniffing, and for pages a policy
 * that allows only the service's own scripts and styles, no framing and no referrer. They are set on every
 * response (JSON too): harmless there, and no page can be missed.
 */
final class SecurityHeaders {

    private SecurityHeaders() {
    }

    static void add(MultiMap headers) {
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Content-Security-Policy", "default-src 'self'");
        headers.set("X-Frame-Options", "DENY");
        headers.set("Referrer-Policy", "no-referrer");
    }
}
