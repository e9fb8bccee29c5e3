package io.webhookactions.api;

import io.webhookactions.WebhookActionException;
import io.webhookactions.secret.CertificateMaterial;
import io.webhookactions.secret.SecretStore;
import java.security.KeyStore;
import java.security.cert.Certificate;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * HTTPS for the API (SPEC §10): the server certificate and key come from the secret store
 * ({@code webhook.api.tls.keystore-secret}, imported with {@code secrets import-cert}), never from a file in
 * the clear, and become the SSL parameters Camel's embedded server listens with.
 */
public final class ApiTls {

    private ApiTls() {
    }

    /**
     * @param secret         the certificate secret's name
     * @param passwordSecret the secret holding its password, or null
     * @throws WebhookActionException when the secret is missing or cannot be read (the message names it)
     */
    public static SSLContextParameters parameters(SecretStore store, String secret, String passwordSecret) {
        String bundle = store.secret(secret).orElseThrow(() -> new WebhookActionException("webhook.api.tls.keystore-secret names"
                + " \"" + secret + "\", which is not in the secret store; import the server certificate with: secrets import-cert "
                + secret + " FILE.p12 --password-secret NAME"));
        String password = passwordSecret == null ? null : store.secret(passwordSecret).orElseThrow(() -> new WebhookActionException(
                "webhook.api.tls.password-secret names \"" + passwordSecret + "\", which is not in the secret store"));
        CertificateMaterial material = CertificateMaterial.read(secret, bundle, password);
        try {
            char[] keyPassword = new char[0];
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("api", material.key(), keyPassword, material.chain().toArray(new Certificate[0]));
            KeyStoreParameters keyStore = new KeyStoreParameters();
            keyStore.setKeyStore(keys);
            keyStore.setPassword("");
            KeyManagersParameters managers = new KeyManagersParameters();
            managers.setKeyStore(keyStore);
            managers.setKeyPassword("");
            SSLContextParameters parameters = new SSLContextParameters();
            parameters.setKeyManagers(managers);
            return parameters;
        } catch (java.io.IOException | java.security.GeneralSecurityException e) {
            throw new WebhookActionException("the certificate \"" + secret + "\" cannot serve HTTPS (" + e.getClass().getSimpleName() + ")");
        }
    }
}
