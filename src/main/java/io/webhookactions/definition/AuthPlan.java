package io.webhookactions.definition;

import io.webhookactions.template.HeaderTemplate;
import io.webhookactions.template.Template;
import io.webhookactions.template.UrlTemplate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How an action authenticates its request (SPEC §5), compiled at load: one variant per kind, each holding
 * parsed templates. Every kind that sends credentials carries the {@link CredentialHosts} they may go to.
 */
public sealed interface AuthPlan {

    /** The value of the definition's {@code authentication.type}, or {@code none}. */
    String type();

    /** Where this authentication's credentials may be sent; null for {@link None}. */
    CredentialHosts hosts();

    /** No authentication. */
    record None() implements AuthPlan {
        @Override
        public String type() {
            return "none";
        }

        @Override
        public CredentialHosts hosts() {
            return null;
        }
    }

    /**
     * Header authentication (§5.1): lazily resolved, chainable variables and the headers they feed, added
     * after the definition's own headers.
     *
     * @param variables     name -> template, in file order
     * @param secretDerived the variables whose value comes, directly or through others, from a secret
     */
    record Header(Map<String, Template> variables, List<HeaderTemplate> headers, Set<String> secretDerived,
                  CredentialHosts hosts) implements AuthPlan {
        public Header {
            variables = Maps.orderedCopy(variables);
            headers = List.copyOf(headers);
            secretDerived = Set.copyOf(secretDerived);
            Objects.requireNonNull(hosts);
        }

        @Override
        public String type() {
            return "header";
        }
    }

    /**
     * Mutual TLS (§5.2): the certificate secret's name, its password template (may be empty) and the
     * definition's CA bundle (base64 PEM, checked at load) or null for the JVM trust store.
     */
    record Mtls(String certificateSecret, Template password, String caBundle, CredentialHosts hosts) implements AuthPlan {
        public Mtls {
            Objects.requireNonNull(certificateSecret);
            Objects.requireNonNull(password);
            Objects.requireNonNull(hosts);
        }

        @Override
        public String type() {
            return "mtls";
        }
    }

    /** OAuth2 client credentials (§5.3); {@code scope} may be null. */
    record OAuth2(UrlTemplate tokenUrl, Template clientId, Template clientSecret, Template scope, ClientAuth clientAuth,
                  CredentialHosts hosts) implements AuthPlan {
        public OAuth2 {
            Objects.requireNonNull(tokenUrl);
            Objects.requireNonNull(clientId);
            Objects.requireNonNull(clientSecret);
            Objects.requireNonNull(clientAuth);
            Objects.requireNonNull(hosts);
        }

        @Override
        public String type() {
            return "oauth2_client_credentials";
        }
    }

    /** Where the OAuth2 client credentials travel in the token request. */
    enum ClientAuth {
        /** An {@code Authorization: Basic} header (the default). */
        BASIC,
        /** {@code client_id} and {@code client_secret} form fields. */
        BODY
    }
}
