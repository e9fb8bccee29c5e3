package io.webhookactions.auth;

import java.util.Map;

/** Sends a token request (an HTTP POST of a form) and returns what came back. */
@FunctionalInterface
public interface TokenEndpoint {

    /** The answer of the token endpoint. */
    record Answer(int status, String body) {
    }

    /**
     * @throws AuthenticationException when no answer was received (the message says why, without secrets)
     */
    Answer post(String url, Map<String, String> headers, String form);
}
