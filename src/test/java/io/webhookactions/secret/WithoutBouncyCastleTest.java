package io.webhookactions.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.webhookactions.testing.TestPki;
import java.io.File;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * BouncyCastle is optional for a host (SPEC §12): without it on the classpath the library still reads PKCS#12
 * certificates, and a PEM one fails with a message that names the artifact to add. Runs the library in a class
 * loader that has everything of this test's classpath except BouncyCastle's jars.
 */
class WithoutBouncyCastleTest {

    private static final TestPki.Issued CA = TestPki.ca("CN=No BC CA");
    private static final KeyPair KEYS = TestPki.rsa();
    private static final TestPki.Issued CLIENT = TestPki.client(CA, "no-bc-client", KEYS, Instant.now().plus(Duration.ofDays(2)));

    @Test
    void pkcs12CertificateIsReadWithoutBouncyCastle() throws Exception {
        try (URLClassLoader withoutBc = withoutBouncyCastle()) {
            Object material = read(withoutBc, TestPki.pkcs12(CLIENT, "pass"), "pass");

            assertThat(material.getClass().getClassLoader()).isSameAs(withoutBc);
            assertThat(material.getClass().getMethod("fingerprint").invoke(material)).isNotNull();
        }
    }

    @Test
    void pemCertificateWithoutBouncyCastleFailsNamingTheArtifactToAdd() throws Exception {
        byte[] pem = (TestPki.pem(CLIENT.certificate()) + TestPki.pkcs8(KEYS.getPrivate())).getBytes(StandardCharsets.US_ASCII);
        try (URLClassLoader withoutBc = withoutBouncyCastle()) {
            Throwable failure = catchThrowable(() -> read(withoutBc, pem, null));

            assertThat(failure).isInstanceOf(InvocationTargetException.class);
            assertThat(failure.getCause().getClass().getName()).isEqualTo(SecretStoreException.class.getName());
            assertThat(failure.getCause()).hasMessageContaining("org.bouncycastle:bcpkix-jdk18on")
                    .hasMessageContaining("PKCS#12");
        }
    }

    private static Object read(ClassLoader loader, byte[] data, String password) throws Exception {
        Class<?> type = Class.forName(CertificateMaterial.class.getName(), true, loader);
        Method read = type.getMethod("read", String.class, byte[].class, byte[].class, String.class);
        return read.invoke(null, "client_cert", data, null, password);
    }

    private static URLClassLoader withoutBouncyCastle() throws Exception {
        List<URL> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("bouncycastle")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        assertThat(loader.getResource("org/bouncycastle/openssl/PEMParser.class")).as("BouncyCastle is really absent").isNull();
        return loader;
    }
}
