package io.webhookactions.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.support.Json;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The encrypted secret store (SPEC §6): {@code config/secrets.json}, each value encrypted with
 * AES-256-GCM under the master key, a fresh random nonce per write, the secret's name bound in as
 * associated data (a value moved to another name does not decrypt). Writes are atomic (temp file, fsync,
 * rename), so a crash leaves the old store or the new one, never half of either. Names and certificate
 * details are in the clear; values never are. The file is re-read when it changes, so a running service
 * sees {@code secrets set} at once.
 */
public final class SecretStore implements SecretSource {

    private static final String FORMAT = "webhook-actions-secrets/1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final Supplier<SecretKey> key;
    private volatile Snapshot snapshot;

    private record Snapshot(FileTime modified, long size, ObjectNode secrets, Map<String, String> decrypted) {
    }

    /**
     * @param key supplies the master key when a value is read or written (listing needs none); it throws
     *            {@link SecretStoreException} saying how to create one when there is none
     */
    public SecretStore(Path file, Supplier<SecretKey> key) {
        this.file = file;
        this.key = key;
    }

    /** The store of SPEC §6 with the master key from the environment or {@code keyFile}. */
    public static SecretStore open(Path file, Path keyFile) {
        return new SecretStore(file, () -> MasterKey.load(System.getenv(MasterKey.ENVIRONMENT), keyFile));
    }

    public Path file() {
        return file;
    }

    /** Names and certificate details; needs no key. */
    public List<SecretEntry> list() {
        List<SecretEntry> entries = new ArrayList<>();
        current().secrets().fields().forEachRemaining(entry -> {
            JsonNode value = entry.getValue();
            entries.add(new SecretEntry(entry.getKey(), value.path("kind").asText(SecretEntry.TEXT),
                    textOrNull(value, "subject"), textOrNull(value, "sha256"),
                    value.hasNonNull("not_after") ? Instant.parse(value.get("not_after").asText()) : null));
        });
        return entries;
    }

    /** True when the store file exists (a fresh checkout has none until a secret is set). */
    public boolean exists() {
        return Files.exists(file);
    }

    public boolean contains(String name) {
        return current().secrets().has(name);
    }

    /** Whether the store holds {@code name}; needs no key. */
    @Override
    public boolean has(String name) {
        return contains(name);
    }

    /** The names of all secrets; needs no key. */
    public java.util.Set<String> names() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        current().secrets().fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * The decrypted value of {@code name}, or empty when there is no such secret.
     *
     * @throws SecretStoreException when there is no master key, it is the wrong one, or the value was
     *                              tampered with (the message names the secret, never its value)
     */
    @Override
    public Optional<String> secret(String name) {
        Snapshot current = current();
        String cached = current.decrypted().get(name);
        if (cached != null) {
            return Optional.of(cached);
        }
        JsonNode entry = current.secrets().get(name);
        if (entry == null) {
            return Optional.empty();
        }
        String value = new String(decrypt(name, entry), StandardCharsets.UTF_8);
        current.decrypted().put(name, value);
        return Optional.of(value);
    }

    /** Adds or replaces a text secret. */
    public void set(String name, String value) {
        write(name, value.getBytes(StandardCharsets.UTF_8), entry -> entry.put("kind", SecretEntry.TEXT));
    }

    /** Adds or replaces a certificate secret with the details {@code list} shows. */
    public void setCertificate(String name, String bundle, String subject, String fingerprint, Instant notAfter) {
        write(name, bundle.getBytes(StandardCharsets.UTF_8), entry -> {
            entry.put("kind", SecretEntry.CERTIFICATE);
            entry.put("subject", subject);
            entry.put("sha256", fingerprint);
            entry.put("not_after", notAfter.toString());
        });
    }

    /** Removes a secret; false when there was none. */
    public synchronized boolean delete(String name) {
        ObjectNode secrets = current().secrets().deepCopy();
        if (secrets.remove(name) == null) {
            return false;
        }
        save(secrets);
        return true;
    }

    private synchronized void write(String name, byte[] plaintext, java.util.function.Consumer<ObjectNode> details) {
        requireValidName(name);
        ObjectNode secrets = current().secrets().deepCopy();
        ObjectNode entry = Json.mapper().createObjectNode();
        details.accept(entry);
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(nonce);
        entry.put("nonce", Base64.getEncoder().encodeToString(nonce));
        entry.put("value", Base64.getEncoder().encodeToString(crypt(Cipher.ENCRYPT_MODE, name, nonce, plaintext)));
        secrets.set(name, entry);
        save(secrets);
    }

    private static void requireValidName(String name) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_\\-]*")) {
            throw new SecretStoreException("\"" + name + "\" is not a valid secret name; use letters, digits, '_' and '-'"
                    + " (templates read it as {secret." + "NAME})");
        }
    }

    private byte[] decrypt(String name, JsonNode entry) {
        try {
            byte[] nonce = Base64.getDecoder().decode(entry.path("nonce").asText());
            byte[] ciphertext = Base64.getDecoder().decode(entry.path("value").asText());
            return crypt(Cipher.DECRYPT_MODE, name, nonce, ciphertext);
        } catch (IllegalArgumentException e) {
            throw new SecretStoreException("secret \"" + name + "\" in " + file + " is damaged (not base64); set it again");
        }
    }

    private byte[] crypt(int mode, String name, byte[] nonce, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key.get(), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(("webhook-actions:" + name).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            throw new SecretStoreException("secret \"" + name + "\" cannot be decrypted: the master key is not the one it was"
                    + " written with, or " + file + " was modified; restore the key or set the secret again");
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("secret \"" + name + "\": encryption failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Snapshot current() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Snapshot known = snapshot;
            if (known != null && known.modified().equals(modified) && known.size() == size) {
                return known;
            }
            JsonNode tree = Json.mapper().readTree(file.toFile());
            if (tree == null || !FORMAT.equals(tree.path("format").asText()) || !tree.path("secrets").isObject()) {
                throw new SecretStoreException(file + " is not a webhook-actions secret store (format " + FORMAT + ")");
            }
            Snapshot fresh = new Snapshot(modified, size, (ObjectNode) tree.get("secrets"), new ConcurrentHashMap<>());
            snapshot = fresh;
            return fresh;
        } catch (NoSuchFileException e) {
            Snapshot empty = new Snapshot(FileTime.fromMillis(0), -1, Json.mapper().createObjectNode(), new ConcurrentHashMap<>());
            snapshot = empty;
            return empty;
        } catch (IOException e) {
            throw new SecretStoreException("cannot read " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** Atomic replace: write a temp file beside the store, fsync it, rename over, fsync the folder. */
    private void save(ObjectNode secrets) {
        ObjectNode document = Json.mapper().createObjectNode();
        document.put("format", FORMAT);
        document.set("secrets", sorted(secrets));
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            Path temp = Files.createTempFile(folder, ".secrets-", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(ByteBuffer.wrap(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(document)));
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            try (FileChannel directory = FileChannel.open(folder, StandardOpenOption.READ)) {
                directory.force(true);
            } catch (IOException ignored) {
                // not every file system lets a directory be opened for sync; the rename itself is atomic
            }
            snapshot = null;
        } catch (IOException e) {
            throw new SecretStoreException("cannot write " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    private static ObjectNode sorted(ObjectNode secrets) {
        TreeMap<String, JsonNode> ordered = new TreeMap<>();
        secrets.fields().forEachRemaining(entry -> ordered.put(entry.getKey(), entry.getValue()));
        ObjectNode result = Json.mapper().createObjectNode();
        ordered.forEach(result::set);
        return result;
    }

    private static String textOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }
}
