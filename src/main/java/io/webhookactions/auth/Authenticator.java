package io.webhookactions.auth;

/** One authentication kind of SPEC §5, compiled at load, applied to each request before it is sent. */
public interface Authenticator {

    /** Definitions without authentication. */
    Authenticator NONE = request -> { };

    /** @throws AuthenticationException when the request cannot be authenticated; nothing is sent then */
    void authenticate(AuthRequest request);

    /**
     * Called when the upstream answered 401: renew what was used (an OAuth2 token) and re-authenticate.
     *
     * @return true when the request was re-authenticated and is worth sending once more
     */
    default boolean renewAfterUnauthorized(AuthRequest request) {
        return false;
    }
}
