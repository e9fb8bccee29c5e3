package io.webhookactions.secret;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JcePEMDecryptorProviderBuilder;
import org.bouncycastle.operator.InputDecryptorProvider;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * The PEM parts of a certificate secret: certificates, and private keys plain or encrypted (PKCS#8 or traditional
 * RSA/EC). The only class that touches BouncyCastle, an optional dependency of the library: verifying this class
 * loads BouncyCastle's, so {@link CertificateMaterial} checks that they are there before it calls in.
 */
final class PemParts {

    private PemParts() {
    }

    static void read(String name, byte[] bytes, char[] password, List<X509Certificate> certificates, List<PrivateKey> keys)
            throws IOException, GeneralSecurityException {
        BouncyCastleProvider bc = Provider.BC;
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(bc);
        JcaX509CertificateConverter certificateConverter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
            Object item;
            while ((item = parser.readObject()) != null) {
                if (item instanceof X509CertificateHolder holder) {
                    certificates.add(certificateConverter.getCertificate(holder));
                } else if (item instanceof PEMKeyPair pair) {
                    keys.add(converter.getKeyPair(pair).getPrivate());
                } else if (item instanceof PEMEncryptedKeyPair encrypted) {
                    CertificateMaterial.requirePassword(name, password);
                    try {
                        keys.add(converter.getKeyPair(encrypted.decryptKeyPair(
                                new JcePEMDecryptorProviderBuilder().setProvider(bc).build(password))).getPrivate());
                    } catch (IOException e) {
                        throw CertificateMaterial.wrongPassword(name);
                    }
                } else if (item instanceof PrivateKeyInfo info) {
                    keys.add(converter.getPrivateKey(info));
                } else if (item instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
                    CertificateMaterial.requirePassword(name, password);
                    try {
                        InputDecryptorProvider decryptor = new JceOpenSSLPKCS8DecryptorProviderBuilder().setProvider(bc).build(password);
                        keys.add(converter.getPrivateKey(encrypted.decryptPrivateKeyInfo(decryptor)));
                    } catch (Exception e) {
                        throw CertificateMaterial.wrongPassword(name);
                    }
                }
            }
        }
    }

    /** One provider instance, made on first PEM read (its construction registers many algorithms). */
    private static final class Provider {
        static final BouncyCastleProvider BC = new BouncyCastleProvider();
    }
}
