package io.webhookactions.secret;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 key the secret store encrypts with (SPEC §6): the environment variable
 * {@value #ENVIRONMENT} (base64 of 32 bytes), else the key file (default {@code config/master.key},
 * readable by its owner only).
 */
public final class MasterKey {

    public static final String ENVIRONMENT = "WEBHOOK_ACTIONS_MASTER_KEY";
    public static final Path DEFAULT_FILE = Path.of("config", "master.key");

    private MasterKey() {
    }

    /** How to make a key, for every message that says there is none. */
    static String howToCreate(Path file) {
        return "create one with: head -c 32 /dev/urandom | base64 > " + file + " && chmod 600 " + file
                + " (or set " + ENVIRONMENT + " to such a value)";
    }

    /**
     * @param environmentValue the value of {@value #ENVIRONMENT}, or null
     * @throws SecretStoreException when there is no key, it is not 32 bytes of base64, or the file is
     *                              readable by others
     */
    public static SecretKey load(String environmentValue, Path file) {
        if (environmentValue != null && !environmentValue.isBlank()) {
            return decode(environmentValue, ENVIRONMENT);
        }
        if (!Files.exists(file)) {
            throw new SecretStoreException("no master key: " + ENVIRONMENT + " is not set and " + file
                    + " does not exist; " + howToCreate(file));
        }
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new SecretStoreException(file + " is readable by others (" + PosixFilePermissions.toString(permissions)
                        + "); make it owner-only: chmod 600 " + file);
            }
            return decode(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (UnsupportedOperationException e) {
            throw new SecretStoreException("cannot check the permissions of " + file + " on this file system", e);
        } catch (IOException e) {
            throw new SecretStoreException("cannot read " + file + ": " + e.getClass().getSimpleName(), e);
        }
    }

    /** Writes a new random key to {@code file} with mode 0600; fails if the file exists. */
    public static void create(Path file) {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new SecretStoreException("cannot create " + file + ": " + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
    }

    private static SecretKey decode(String text, String source) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new SecretStoreException("the master key in " + source + " is not base64; " + howToCreate(DEFAULT_FILE));
        }
        if (bytes.length != 32) {
            throw new SecretStoreException("the master key in " + source + " is " + bytes.length
                    + " bytes; it must be 32 (AES-256)");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
