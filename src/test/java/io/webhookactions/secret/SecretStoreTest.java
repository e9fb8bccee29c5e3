package io.webhookactions.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SPEC §6: AES-256-GCM per value, atomic writes, clear errors that never hold a value. */
class SecretStoreTest {

    @TempDir
    Path dir;

    private static SecretKey key() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return new SecretKeySpec(bytes, "AES");
    }

    @Test
    void valueRoundTripsAndIsNeverStoredInTheClear() throws Exception {
        SecretStore store = new SecretStore(dir.resolve("secrets.json"), () -> key);

        store.set("api_token", "very-secret-value");

        assertThat(store.secret("api_token")).contains("very-secret-value");
        assertThat(new SecretStore(dir.resolve("secrets.json"), () -> key).secret("api_token")).contains("very-secret-value");
        assertThat(Files.readString(dir.resolve("secrets.json"))).doesNotContain("very-secret-value")
                .contains("\"api_token\"").contains("webhook-actions-secrets/1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secrets.json")))).isEqualTo("rw-------");
    }

    private final SecretKey key = key();

    @Test
    void everyWriteUsesAFreshNonce() throws Exception {
        SecretStore store = new SecretStore(dir.resolve("secrets.json"), () -> key);
        store.set("a", "same");
        String first = Files.readString(dir.resolve("secrets.json"));
        store.set("a", "same");
        String second = Files.readString(dir.resolve("secrets.json"));

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void wrongKeyNamesTheSecretNotItsValue() {
        new SecretStore(dir.resolve("secrets.json"), () -> key).set("api_token", "very-secret-value");
        SecretStore other = new SecretStore(dir.resolve("secrets.json"), SecretStoreTest::key);

        assertThatThrownBy(() -> other.secret("api_token"))
                .isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("secret \"api_token\" cannot be decrypted")
                .hasMessageNotContaining("very-secret-value");
    }

    @Test
    void tamperedValueIsDetected() throws Exception {
        SecretStore store = new SecretStore(dir.resolve("secrets.json"), () -> key);
        store.set("api_token", "very-secret-value");
        String text = Files.readString(dir.resolve("secrets.json"));
        int at = text.indexOf("\"value\" : \"") + 11;
        char flipped = text.charAt(at) == 'A' ? 'B' : 'A';
        Files.writeString(dir.resolve("secrets.json"), text.substring(0, at) + flipped + text.substring(at + 1));

        assertThatThrownBy(() -> new SecretStore(dir.resolve("secrets.json"), () -> key).secret("api_token"))
                .hasMessageContaining("was modified");
    }

    @Test
    void valueMovedToAnotherNameDoesNotDecrypt() throws Exception {
        SecretStore store = new SecretStore(dir.resolve("secrets.json"), () -> key);
        store.set("a", "alpha");
        store.set("b", "beta");
        String text = Files.readString(dir.resolve("secrets.json")).replace("\"a\" :", "\"c\" :").replace("\"b\" :", "\"a\" :");
        Files.writeString(dir.resolve("secrets.json"), text);

        assertThatThrownBy(() -> new SecretStore(dir.resolve("secrets.json"), () -> key).secret("a"))
                .hasMessageContaining("secret \"a\" cannot be decrypted");
    }

    @Test
    void unknownSecretIsEmptyAndDeleteSaysWhetherItExisted() {
        SecretStore store = new SecretStore(dir.resolve("secrets.json"), () -> key);
        store.set("a", "x");

        assertThat(store.secret("nope")).isEmpty();
        assertThat(store.delete("a")).isTrue();
        assertThat(store.delete("a")).isFalse();
        assertThat(store.names()).isEmpty();
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws Exception {
        SecretStore store = new SecretStore(dir.resolve("secrets.json"), () -> key);
        for (int i = 0; i < 20; i++) {
            store.set("s" + i, "v" + i);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("the store and its lock file, no temporary file")
                    .containsExactlyInAnyOrder("secrets.json", "secrets.json.lock");
        }
        assertThat(store.names()).hasSize(20);
    }

    @Test
    void changesByAnotherWriterAreSeen() {
        SecretStore reader = new SecretStore(dir.resolve("secrets.json"), () -> key);
        SecretStore writer = new SecretStore(dir.resolve("secrets.json"), () -> key);
        writer.set("a", "one");
        assertThat(reader.secret("a")).contains("one");

        writer.set("a", "two-longer");

        assertThat(reader.secret("a")).contains("two-longer");
    }

    @Test
    void listingNeedsNoKey() {
        new SecretStore(dir.resolve("secrets.json"), () -> key).set("a", "x");
        SecretStore keyless = SecretStore.open(dir.resolve("secrets.json"), dir.resolve("missing.key"));

        assertThat(keyless.list()).extracting(SecretEntry::name).containsExactly("a");
        assertThatThrownBy(() -> keyless.secret("a")).hasMessageContaining("no master key")
                .hasMessageContaining("head -c 32 /dev/urandom | base64 > " + dir.resolve("missing.key"));
    }

    @Test
    void masterKeyFileMustBeOwnerOnly() throws Exception {
        Path file = dir.resolve("master.key");
        MasterKey.create(file);
        assertThat(MasterKey.load(null, file).getEncoded()).hasSize(32);

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> MasterKey.load(null, file)).hasMessageContaining("readable by others")
                .hasMessageContaining("chmod 600");
    }

    @Test
    void environmentKeyWinsAndMustBe32Bytes() {
        String valid = Base64.getEncoder().encodeToString(new byte[32]);
        assertThat(MasterKey.load(valid, dir.resolve("absent")).getEncoded()).hasSize(32);
        assertThatThrownBy(() -> MasterKey.load(Base64.getEncoder().encodeToString(new byte[16]), dir.resolve("absent")))
                .hasMessageContaining("16 bytes; it must be 32");
    }
}
