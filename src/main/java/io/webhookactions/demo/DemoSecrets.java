package io.webhookactions.demo;

import io.webhookactions.secret.CertificateMaterial;
import io.webhookactions.secret.MasterKey;
import io.webhookactions.secret.SecretStore;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The secrets the demo examples use, created on the first start of {@code serve} with the demo on (and
 * the master key too when there is none): for local use only, and said so when they are made.
 */
public final class DemoSecrets {

    public static final String SIGNING_KEY = "demo_signing_key";
    public static final String CLIENT_SECRET = "demo_client_secret";
    public static final String CLIENT_CERT = "demo_client_cert";
    public static final String CLIENT_CERT_PASSWORD = "demo_client_cert_password";

    private DemoSecrets() {
    }

    public static SecretStore ensure(Path keyFile, SecretStore store, PrintWriter out) throws Exception {
        if (System.getenv(MasterKey.ENVIRONMENT) == null && !Files.exists(keyFile)) {
            MasterKey.create(keyFile);
            out.println("demo: created " + keyFile + " (mode 0600) to encrypt the demo secrets; it is for local use only."
                    + " For a real deployment provide " + MasterKey.ENVIRONMENT + " or your own key file.");
        }
        boolean created = false;
        created |= setIfAbsent(store, SIGNING_KEY, random());
        created |= setIfAbsent(store, CLIENT_SECRET, random());
        if (!store.contains(CLIENT_CERT)) {
            String password = store.secret(CLIENT_CERT_PASSWORD).orElse(null);
            if (password == null) {
                password = random();
                store.set(CLIENT_CERT_PASSWORD, password);
            }
            byte[] p12 = selfSignedClient(password);
            CertificateMaterial material = CertificateMaterial.read(CLIENT_CERT, p12, null, password);
            store.setCertificate(CLIENT_CERT, CertificateMaterial.bundle(p12, null), material.leaf().getSubjectX500Principal().getName(),
                    material.fingerprint(), material.leaf().getNotAfter().toInstant());
            created = true;
        }
        if (created) {
            out.println("demo: created demo secrets (" + String.join(", ", SIGNING_KEY, CLIENT_SECRET, CLIENT_CERT, CLIENT_CERT_PASSWORD)
                    + ") in " + store.file() + "; they are demo-only, replace them for real use (secrets set / import-cert)");
        }
        out.flush();
        return store;
    }

    private static boolean setIfAbsent(SecretStore store, String name, String value) {
        if (store.contains(name)) {
            return false;
        }
        store.set(name, value);
        return true;
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A self-signed client certificate for the mTLS example, as a PKCS#12 file. */
    private static byte[] selfSignedClient(String password) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        X500Name name = new X500Name("CN=webhook-actions demo client");
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                new BigInteger(64, new SecureRandom()), Date.from(Instant.now().minus(Duration.ofDays(1))),
                Date.from(Instant.now().plus(Duration.ofDays(365))), name, keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate())));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("demo", keys.getPrivate(), password.toCharArray(), new Certificate[] {certificate});
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        store.store(out, password.toCharArray());
        return out.toByteArray();
    }
}
