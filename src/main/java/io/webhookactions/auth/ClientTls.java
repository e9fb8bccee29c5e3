package io.webhookactions.auth;

import io.webhookactions.secret.CertificateMaterial;
import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The SSL context of an mTLS action (SPEC §5.2): the client certificate chain and key, and as trust
 * anchors either the definition's CA bundle alone or the JVM's default trust store. Hostname
 * verification is done by the HTTP client and stays on.
 */
public final class ClientTls {

    private ClientTls() {
    }

    /** @param caBundleBase64 the definition's {@code ca_certificate}, or null */
    public static SSLContext context(CertificateMaterial material, String caBundleBase64) throws GeneralSecurityException {
        char[] password = new char[0];
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try {
            keys.load(null, null);
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        keys.setKeyEntry("client", material.key(), password, material.chain().toArray(new Certificate[0]));
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, password);

        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caBundleBase64 == null || caBundleBase64.isBlank()) {
            trustManagers.init((KeyStore) null);
        } else {
            KeyStore anchors = KeyStore.getInstance("PKCS12");
            try {
                anchors.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
            Collection<? extends Certificate> cas = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(Base64.getMimeDecoder().decode(caBundleBase64.strip())));
            int i = 0;
            for (Certificate ca : cas) {
                anchors.setCertificateEntry("ca-" + i++, ca);
            }
            trustManagers.init(anchors);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
        return context;
    }
}
