package io.webhookactions.auth;

import io.webhookactions.call.RenderedRequest;
import io.webhookactions.template.AttributeScope;
import java.util.Optional;

/** One authentication kind of SPEC §5, compiled at load, applied to each request before it is sent. */
public interface Authenticator {

    /** Definitions without authentication. */
    Authenticator NONE = (request, scope) -> request;

    /**
     * The request with its credentials added.
     *
     * @param scope the execution's scope, secrets masked; {@link AttributeScope#unmasked()} gives the sending view
     * @throws AuthenticationException when the request cannot be authenticated; nothing is sent then
     */
    RenderedRequest authenticate(RenderedRequest request, AttributeScope scope);

    /**
     * Called when the upstream answered 401 to {@code sent}: renew what was used (an OAuth2 token) and
     * authenticate again.
     *
     * @return the re-authenticated request worth sending once more, or empty
     * @throws AuthenticationException when new credentials could not be had
     */
    default Optional<RenderedRequest> renewAfterUnauthorized(RenderedRequest sent, AttributeScope scope) {
        return Optional.empty();
    }

    /** Called when the upstream answered 401 to a request {@link #renewAfterUnauthorized} had just renewed. */
    default void refusedAfterRenewal(RenderedRequest sent, AttributeScope scope) {
    }
}
