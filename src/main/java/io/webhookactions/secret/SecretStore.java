package io.webhookactions.secret;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.support.Json;
import io.webhookactions.support.LockedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
 * rename), so a crash leaves the old store or the new one, never half of either, and the temp file of a
 * crashed writer is removed by the next one. Every read-modify-write holds an exclusive lock on a lock file
 * beside the store, so concurrent writers (threads or processes) never lose an entry. The store records a
 * fingerprint of the key it is written under, and a write under another key is refused (SPEC §11). Names and certificate
 * details are in the clear; values never are. The file is re-read when it changes, so a running service
 * sees {@code secrets set} at once.
 */
public final class SecretStore implements SecretSource {

    private static final String FORMAT = "webhook-actions-secrets/1";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final LockedFile lockedFile;
    private final Supplier<SecretKey> key;
    private volatile Snapshot snapshot;

    /** One reading of the file; {@code keyCheck} is the fingerprint of the key it was written under, or null. */
    private record Snapshot(FileTime modified, long size, ObjectNode secrets, String keyCheck, Map<String, String> decrypted) {
    }


    /**
     * @param key supplies the master key when a value is read or written (listing needs none); it throws
     *            {@link SecretStoreException} saying how to create one when there is none
     */
    public SecretStore(Path file, Supplier<SecretKey> key) {
        this.file = file;
        this.lockedFile = new LockedFile(file, ".secrets-");
        this.key = key;
    }

    /** The store of SPEC §6 with the master key from the environment or {@code keyFile}. */
    public static SecretStore open(Path file, Path keyFile) {
        return new SecretStore(file, () -> MasterKey.load(System.getenv(MasterKey.ENVIRONMENT), keyFile));
    }

    /**
     * Removes what a writer that crashed mid-write left behind (its temporary file), under the store's lock so
     * that no live writer's file is touched. Called when the service starts; writes do it too.
     */
    public void recover() {
        if (lockedFile.hasTemporaryFiles()) {
            locked(() -> null);
        }
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
    public boolean delete(String name) {
        return locked(() -> {
            Snapshot stored = readFile();
            String check = requireSameKey(stored);
            ObjectNode secrets = stored.secrets().deepCopy();
            if (secrets.remove(name) == null) {
                return false;
            }
            save(secrets, check);
            return true;
        });
    }

    private void write(String name, byte[] plaintext, java.util.function.Consumer<ObjectNode> details) {
        requireValidName(name);
        locked(() -> {
            Snapshot stored = readFile();
            String check = requireSameKey(stored);
            ObjectNode secrets = stored.secrets().deepCopy();
            ObjectNode entry = Json.mapper().createObjectNode();
            details.accept(entry);
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            entry.put("nonce", Base64.getEncoder().encodeToString(nonce));
            entry.put("value", Base64.getEncoder().encodeToString(crypt(Cipher.ENCRYPT_MODE, name, nonce, plaintext)));
            secrets.set(name, entry);
            save(secrets, check);
            return null;
        });
    }

    /** Runs a read-modify-write under the store's lock (see {@link LockedFile}). */
    private <T> T locked(Supplier<T> update) {
        try {
            T result = lockedFile.locked(update);
            snapshot = null;
            return result;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new SecretStoreException("cannot write " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    /**
     * The fingerprint of the master key in use, after checking that the store was written under the same key:
     * a second key must not silently add entries the first can never read.
     */
    private String requireSameKey(Snapshot stored) {
        String check = keyCheck(key.get());
        if (stored.keyCheck() != null && !stored.keyCheck().equals(check)) {
            throw new SecretStoreException(file + " was written under another master key (fingerprint " + stored.keyCheck()
                    + "); the key in use has fingerprint " + check + ". Use the key the store was written with, or move the"
                    + " store aside to start a new one");
        }
        return check;
    }

    /** A fingerprint of the key that reveals nothing of it: the start of an HMAC of a fixed text. */
    private static String keyCheck(SecretKey key) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            byte[] digest = mac.doFinal("webhook-actions secret store key check".getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("cannot fingerprint the master key (" + e.getClass().getSimpleName() + ")");
        }
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
            Snapshot stored = snapshot;
            if (stored != null && stored.keyCheck() != null && !stored.keyCheck().equals(keyCheck(key.get()))) {
                throw new SecretStoreException("secret \"" + name + "\" cannot be decrypted: " + file + " was written under"
                        + " another master key (fingerprint " + stored.keyCheck() + "); use the key it was written with");
            }
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
        } catch (NoSuchFileException e) {
            // read below as the empty store
        } catch (IOException e) {
            throw new SecretStoreException("cannot read " + file + ": " + e.getClass().getSimpleName(), e);
        }
        Snapshot fresh = readFile();
        snapshot = fresh;
        return fresh;
    }

    /** The file as it is on disk now, never the cached reading. */
    private Snapshot readFile() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            JsonNode tree = Json.mapper().readTree(file.toFile());
            if (tree == null || !FORMAT.equals(tree.path("format").asText()) || !tree.path("secrets").isObject()) {
                throw new SecretStoreException(file + " is not a webhook-actions secret store (format " + FORMAT + ")");
            }
            String keyCheck = tree.hasNonNull("key_check") ? tree.get("key_check").asText() : null;
            return new Snapshot(modified, size, (ObjectNode) tree.get("secrets"), keyCheck, new ConcurrentHashMap<>());
        } catch (NoSuchFileException e) {
            return new Snapshot(FileTime.fromMillis(0), -1, Json.mapper().createObjectNode(), null, new ConcurrentHashMap<>());
        } catch (IOException e) {
            throw new SecretStoreException("cannot read " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** Replaces the file atomically; called under the lock. */
    private void save(ObjectNode secrets, String keyCheck) {
        ObjectNode document = Json.mapper().createObjectNode();
        document.put("format", FORMAT);
        document.put("key_check", keyCheck);
        document.set("secrets", sorted(secrets));
        try {
            lockedFile.write(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
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
