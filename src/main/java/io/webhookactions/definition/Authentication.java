package io.webhookactions.definition;

import java.util.Map;
import java.util.Objects;

/** How an action authenticates its request (SPEC §5): one of three kinds, each a record. */
public sealed interface Authentication {

    /** The value of the definition's {@code authentication.type}. */
    String type();

    /**
     * Header authentication (§5.1): lazily resolved, chainable {@code variables} and the
     * {@code headers} they feed, added after the definition's own headers.
     */
    record Header(Map<String, String> variables, Map<String, String> headers) implements Authentication {
        public Header {
            variables = Map.copyOf(Objects.requireNonNull(variables));
            headers = Maps.orderedCopy(headers);
        }

        @Override
        public String type() {
            return "header";
        }
    }

    /** Mutual TLS (§5.2): a client certificate from the secret store, its password, an optional CA bundle. */
    record Mtls(String certificate, String password, String caCertificate) implements Authentication {
        public Mtls {
            Objects.requireNonNull(certificate);
        }

        @Override
        public String type() {
            return "mtls";
        }
    }

    /** OAuth2 client credentials (§5.3). {@code scope} may be null. */
    record OAuth2ClientCredentials(String tokenUrl, String clientId, String clientSecret, String scope,
                                   ClientAuth clientAuth) implements Authentication {
        public OAuth2ClientCredentials {
            Objects.requireNonNull(tokenUrl);
            Objects.requireNonNull(clientId);
            Objects.requireNonNull(clientSecret);
            Objects.requireNonNull(clientAuth);
        }

        @Override
        public String type() {
            return "oauth2_client_credentials";
        }
    }

    /** Where the client credentials travel in the token request. */
    enum ClientAuth {
        /** An {@code Authorization: Basic} header (the default). */
        BASIC,
        /** {@code client_id} and {@code client_secret} form fields. */
        BODY
    }
}
