package io.webhookactions.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * A client certificate chain and its private key, read from what a certificate secret holds: a PKCS#12
 * / PFX file, a PEM file with the chain and the key (the key plain or encrypted, PKCS#8 or traditional
 * RSA/EC), or a CER/CRT certificate (PEM or DER) with a separate KEY file. Errors name the secret and
 * the problem (wrong password, no key, key not matching the certificate), never material. PKCS#12 and DER need only
 * the JDK; PEM is read with BouncyCastle ({@link PemParts}), an optional dependency.
 */
public record CertificateMaterial(PrivateKey key, List<X509Certificate> chain) {

    /**
     * Whether BouncyCastle's PEM reader is on the classpath (an optional dependency). Looked up by name here:
     * touching {@link PemParts} without it fails with NoClassDefFoundError.
     */
    private static final boolean PEM_READABLE = present("org.bouncycastle.openssl.PEMParser");

    public CertificateMaterial {
        chain = List.copyOf(chain);
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    /** SHA-256 of the leaf certificate, colon-separated upper-case hex. */
    public String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf().getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The secret value for a certificate file and an optional separate key file. */
    public static String bundle(byte[] certificateFile, byte[] keyFile) {
        ObjectNode bundle = io.webhookactions.support.Json.mapper().createObjectNode();
        bundle.put("data", Base64.getEncoder().encodeToString(certificateFile));
        if (keyFile != null) {
            bundle.put("key", Base64.getEncoder().encodeToString(keyFile));
        }
        return bundle.toString();
    }

    /**
     * Reads a certificate secret's value.
     *
     * @param name     the secret's name, for messages
     * @param password the password of the file or the key; null or empty for none
     * @throws SecretStoreException naming the secret and what is wrong
     */
    public static CertificateMaterial read(String name, String bundle, String password) {
        byte[] data;
        byte[] keyFile;
        try {
            JsonNode tree = io.webhookactions.support.Json.mapper().readTree(bundle);
            data = Base64.getDecoder().decode(tree.path("data").asText());
            keyFile = tree.hasNonNull("key") ? Base64.getDecoder().decode(tree.get("key").asText()) : null;
        } catch (IOException | IllegalArgumentException e) {
            throw new SecretStoreException("secret \"" + name + "\" is not a certificate; import one with: secrets import-cert "
                    + name + " FILE");
        }
        return read(name, data, keyFile, password);
    }

    /** Reads certificate and key files as {@code secrets import-cert} is given them. */
    public static CertificateMaterial read(String name, byte[] data, byte[] keyFile, String password) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try {
            CertificateMaterial material = looksLikeText(data) || (keyFile != null)
                    ? fromPemOrDer(name, data, keyFile, secret)
                    : fromPkcs12(name, data, secret);
            material.checkKeyMatches(name);
            return material;
        } catch (SecretStoreException e) {
            throw e;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new SecretStoreException("certificate \"" + name + "\" cannot be read (" + e.getClass().getSimpleName()
                    + "); use a PKCS#12/PFX file, or PEM certificate(s) with a PEM key");
        }
    }

    private static CertificateMaterial fromPkcs12(String name, byte[] data, char[] password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(new ByteArrayInputStream(data), password);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || String.valueOf(e.getMessage()).contains("password")) {
                throw wrongPassword(name);
            }
            throw new SecretStoreException("certificate \"" + name + "\" is not a readable PKCS#12/PFX file");
        }
        for (String alias : Collections.list(store.aliases())) {
            if (store.isKeyEntry(alias)) {
                PrivateKey key;
                try {
                    key = (PrivateKey) store.getKey(alias, password);
                } catch (UnrecoverableKeyException e) {
                    throw wrongPassword(name);
                }
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate certificate : store.getCertificateChain(alias)) {
                    chain.add((X509Certificate) certificate);
                }
                return new CertificateMaterial(key, chain);
            }
        }
        throw new SecretStoreException("certificate \"" + name + "\": the PKCS#12 file holds no private key");
    }

    private static CertificateMaterial fromPemOrDer(String name, byte[] data, byte[] keyFile, char[] password)
            throws IOException, GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        List<PrivateKey> keys = new ArrayList<>();
        readPart(name, data, password, certificates, keys);
        if (keyFile != null) {
            readPart(name, keyFile, password, certificates, keys);
        }
        if (certificates.isEmpty()) {
            throw new SecretStoreException("certificate \"" + name + "\" holds no certificate");
        }
        if (keys.isEmpty()) {
            throw new SecretStoreException("certificate \"" + name + "\" holds no private key; add it to the PEM file or pass"
                    + " --key KEYFILE");
        }
        PrivateKey key = jdkKey(keys.get(0));
        List<X509Certificate> chain = new ArrayList<>(certificates);
        for (X509Certificate certificate : certificates) {
            if (matches(key, certificate.getPublicKey())) {
                chain.remove(certificate);
                chain.add(0, certificate);
                break;
            }
        }
        return new CertificateMaterial(key, chain);
    }

    private static void readPart(String name, byte[] bytes, char[] password, List<X509Certificate> certificates,
                                 List<PrivateKey> keys) throws IOException, GeneralSecurityException {
        if (!looksLikeText(bytes)) {
            try {
                certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(bytes)));
            } catch (GeneralSecurityException notACertificate) {
                keys.add(derKey(bytes));
            }
            return;
        }
        if (!PEM_READABLE) {
            throw new SecretStoreException("certificate \"" + name + "\" is PEM, and reading PEM needs BouncyCastle"
                    + " (org.bouncycastle:bcpkix-jdk18on) on the classpath: add it, or store the certificate as PKCS#12/PFX");
        }
        PemParts.read(name, bytes, password, certificates, keys);
    }

    /**
     * The same key as the JDK's own key object: keys read through BouncyCastle must be usable by the JDK's
     * TLS stack, which signs with the JDK providers.
     */
    private static PrivateKey jdkKey(PrivateKey key) throws GeneralSecurityException {
        String algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT).startsWith("EC") ? "EC" : key.getAlgorithm();
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
    }

    private static PrivateKey derKey(byte[] bytes) throws GeneralSecurityException {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(bytes));
            } catch (GeneralSecurityException tryNext) {
                // the next algorithm may read it
            }
        }
        throw new java.security.spec.InvalidKeySpecException("neither a DER certificate nor a DER PKCS#8 key");
    }

    private void checkKeyMatches(String name) {
        if (!matches(key, leaf().getPublicKey())) {
            throw new SecretStoreException("certificate \"" + name + "\": the private key does not belong to the certificate "
                    + leaf().getSubjectX500Principal().getName());
        }
    }

    /** True when {@code key} signs what {@code publicKey} verifies. */
    private static boolean matches(PrivateKey key, PublicKey publicKey) {
        String algorithm = key.getAlgorithm().toUpperCase(Locale.ROOT).startsWith("EC") ? "SHA256withECDSA" : "SHA256with" + key.getAlgorithm();
        try {
            byte[] probe = "webhook-actions key check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static void requirePassword(String name, char[] password) {
        if (password.length == 0) {
            throw new SecretStoreException("certificate \"" + name + "\": the private key is encrypted but no password was given;"
                    + " set authentication.password");
        }
    }

    static SecretStoreException wrongPassword(String name) {
        return new SecretStoreException("certificate \"" + name + "\": wrong password (or the file is damaged)");
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, CertificateMaterial.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static boolean looksLikeText(byte[] bytes) {
        String start = new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII).strip();
        return start.startsWith("-----") || start.startsWith("Bag Attributes") || start.startsWith("subject=");
    }
}
