package io.webhookactions.auth;

import io.webhookactions.call.RenderedRequest;
import io.webhookactions.definition.AuthPlan;
import io.webhookactions.secret.CertificateMaterial;
import io.webhookactions.secret.SecretStoreException;
import io.webhookactions.template.AttributeScope;
import io.webhookactions.template.Template;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mutual TLS (SPEC §5.2). The SSL context is built when the action loads and again only when the
 * certificate secret or its password changes; the action's connections use it through
 * {@link #tlsStrategy()}. Unreadable material, a wrong password or an expired certificate fail the
 * execution with a message naming the secret, and are logged once when first seen.
 */
public final class MtlsAuthenticator implements Authenticator {

    private static final Logger LOG = LoggerFactory.getLogger(MtlsAuthenticator.class);

    private final String action;
    private final String certificateSecret;
    private final Template password;
    private final String caBundle;
    private final Runnable onChange;
    private volatile Built built;

    private record Built(String bundle, String password, DefaultClientTlsStrategy strategy, Instant notAfter, String error) {
    }

    private MtlsAuthenticator(String action, String certificateSecret, Template password, String caBundle, Runnable onChange) {
        this.action = action;
        this.certificateSecret = certificateSecret;
        this.password = password;
        this.caBundle = caBundle;
        this.onChange = onChange;
    }

    /**
     * Builds the SSL context now, from the secrets as they are at load.
     *
     * @param onChange called after the certificate changed, to drop pooled connections made with the old one
     */
    public static MtlsAuthenticator of(String action, AuthPlan.Mtls mtls, AttributeScope loadScope, Runnable onChange) {
        MtlsAuthenticator authenticator = new MtlsAuthenticator(action, mtls.certificateSecret(), mtls.password(), mtls.caBundle(),
                onChange);
        authenticator.current(loadScope);
        return authenticator;
    }

    /**
     * Why the action's client certificate cannot be used, checked at load (SPEC §5.2: a wrong password or unreadable
     * material fails the definition, not its first call); empty when it can, or when the secret is missing (the
     * secret-name check at load reports that, and a host may add it later).
     */
    public static Optional<String> unusable(AuthPlan.Mtls mtls, AttributeScope scope) {
        AttributeScope unmasked = scope.unmasked();
        Optional<String> bundle;
        String secretPassword;
        try {
            bundle = unmasked.secrets().secret(mtls.certificateSecret());
            secretPassword = mtls.password().render(unmasked);
        } catch (SecretStoreException e) {
            return Optional.empty(); // the store cannot be read here (validate without the master key); serve says why
        }
        if (bundle.isEmpty()) {
            return Optional.empty();
        }
        try {
            CertificateMaterial material = CertificateMaterial.read(mtls.certificateSecret(), bundle.get(), secretPassword);
            ClientTls.context(material, mtls.caBundle());
            return Optional.empty();
        } catch (SecretStoreException e) {
            return Optional.of(e.getMessage());
        } catch (GeneralSecurityException e) {
            return Optional.of("client certificate \"" + mtls.certificateSecret() + "\" cannot be used ("
                    + e.getClass().getSimpleName() + ")");
        }
    }

    /** Checks that the certificate is usable; the connection presents it, the request itself is unchanged. */
    @Override
    public RenderedRequest authenticate(RenderedRequest request, AttributeScope scope) {
        Built current = current(scope);
        if (current.error() != null) {
            throw new AuthenticationException(current.error());
        }
        if (current.notAfter().isBefore(Instant.now())) {
            throw new AuthenticationException("client certificate \"" + certificateSecret + "\" expired on " + current.notAfter()
                    + "; import a valid one with: secrets import-cert " + certificateSecret + " FILE");
        }
        return request;
    }

    /** The TLS strategy of this action's connections: always the current certificate. */
    public TlsSocketStrategy tlsStrategy() {
        return new TlsSocketStrategy() {
            @Override
            public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context)
                    throws IOException {
                Built current = built;
                if (current == null || current.strategy() == null) {
                    throw new SSLException(current == null ? "client certificate not loaded" : current.error());
                }
                return current.strategy().upgrade(socket, target, port, attachment, context);
            }
        };
    }

    private Built current(AttributeScope scope) {
        AttributeScope unmasked = scope.unmasked();
        String bundle;
        String secretPassword;
        try {
            bundle = unmasked.secrets().secret(certificateSecret).orElse(null);
            secretPassword = password.render(unmasked);
        } catch (SecretStoreException e) {
            return remember(new Built(null, null, null, null, e.getMessage()));
        }
        Built known = built;
        if (known != null && Objects.equals(known.bundle(), bundle) && Objects.equals(known.password(), secretPassword)) {
            return known;
        }
        synchronized (this) {
            known = built;
            if (known != null && Objects.equals(known.bundle(), bundle) && Objects.equals(known.password(), secretPassword)) {
                return known;
            }
            Built fresh = build(bundle, secretPassword);
            remember(fresh);
            if (known != null && fresh.strategy() != null) {
                onChange.run();
            }
            return fresh;
        }
    }

    private Built build(String bundle, String secretPassword) {
        if (bundle == null) {
            return new Built(null, secretPassword, null, null, "client certificate secret \"" + certificateSecret
                    + "\" does not exist; import it with: secrets import-cert " + certificateSecret + " FILE");
        }
        try {
            CertificateMaterial material = CertificateMaterial.read(certificateSecret, bundle, secretPassword);
            SSLContext context = ClientTls.context(material, caBundle);
            return new Built(bundle, secretPassword, new DefaultClientTlsStrategy(context),
                    material.leaf().getNotAfter().toInstant(), null);
        } catch (SecretStoreException e) {
            return new Built(bundle, secretPassword, null, null, e.getMessage());
        } catch (GeneralSecurityException e) {
            return new Built(bundle, secretPassword, null, null, "client certificate \"" + certificateSecret
                    + "\" cannot be used (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Built remember(Built fresh) {
        Built previous = built;
        built = fresh;
        if (fresh.error() != null && (previous == null || !fresh.error().equals(previous.error()))) {
            LOG.error("action {}: mTLS is unavailable: {}", action, fresh.error());
        }
        return fresh;
    }
}
