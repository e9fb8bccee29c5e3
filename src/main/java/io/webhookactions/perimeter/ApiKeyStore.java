package io.webhookactions.perimeter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.WebhookActionException;
import io.webhookactions.support.Json;
import io.webhookactions.support.LockedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The API keys of the service (SPEC §10), in {@code config/api-keys.json}: per key its name, a random salt,
 * the SHA-256 of salt and token, the role, the action patterns, and the creation and last-use times. A token
 * is shown once, when it is created, and never stored. Tokens are 256 random bits, so a fast salted hash is
 * enough: there is nothing to guess. The file is re-read when it changes, so keys created or revoked with the
 * {@code keys} command apply to a running service at once.
 */
public final class ApiKeyStore {

    /** Every token starts with this, so a leaked one is easy to recognise and grep for. */
    public static final String PREFIX = "wa_";

    private static final String FORMAT = "webhook-actions-api-keys/1";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Last-use times are written at most this often per key: the file is not rewritten on every request. */
    private static final Duration LAST_USE_PRECISION = Duration.ofMinutes(1);

    /** What {@code keys list} shows of one key: never its token or hash. */
    public record ApiKey(String name, Role role, List<String> actions, Instant created, Instant lastUsed) {
        public ApiKey {
            actions = List.copyOf(actions);
        }
    }

    private record Stored(ApiKey key, byte[] salt, byte[] hash) {
    }

    private record Snapshot(FileTime modified, long size, List<Stored> keys) {
    }

    private final LockedFile file;
    private final Map<String, Instant> usedSince = new ConcurrentHashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "webhook-actions-api-keys");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Snapshot snapshot;

    public ApiKeyStore(Path file) {
        this.file = new LockedFile(file, ".api-keys-");
    }

    public Path file() {
        return file.path();
    }

    /** True when at least one key exists: from then on the API needs a token. */
    public boolean hasKeys() {
        return !current().keys().isEmpty();
    }

    public List<ApiKey> list() {
        List<ApiKey> keys = new ArrayList<>();
        for (Stored stored : current().keys()) {
            Instant used = usedSince.get(stored.key().name());
            keys.add(used == null ? stored.key() : new ApiKey(stored.key().name(), stored.key().role(), stored.key().actions(),
                    stored.key().created(), used));
        }
        return keys;
    }

    /**
     * Creates a key and returns its token, which is shown this once.
     *
     * @throws WebhookActionException when the name is taken or not valid, or a pattern is not valid
     */
    public String create(String name, Role role, List<String> actions) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")) {
            throw new WebhookActionException("\"" + name + "\" is not a valid key name; use letters, digits, '_', '.' and '-'"
                    + " (at most 64)");
        }
        for (String pattern : actions) {
            if (!ActionPatterns.isValid(pattern)) {
                throw new WebhookActionException("\"" + pattern + "\" is not an action pattern; use action-name characters and *,"
                        + " e.g. get_*");
            }
        }
        byte[] random = new byte[32];
        RANDOM.nextBytes(random);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        update(keys -> {
            if (keys.stream().anyMatch(stored -> stored.key().name().equals(name))) {
                throw new WebhookActionException("a key named \"" + name + "\" exists; revoke it first or choose another name");
            }
            keys.add(new Stored(new ApiKey(name, role, actions, Instant.now(), null), salt, hash(salt, token)));
            return null;
        });
        return token;
    }

    /** Removes a key; false when there was none. Its token stops working at once. */
    public boolean revoke(String name) {
        return update(keys -> keys.removeIf(stored -> stored.key().name().equals(name)));
    }

    /** The caller a token belongs to, or empty. Every key is compared in constant time. */
    public Optional<Caller> authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Stored match = null;
        for (Stored stored : current().keys()) {
            if (MessageDigest.isEqual(stored.hash(), hash(stored.salt(), token))) {
                match = stored;
            }
        }
        if (match == null) {
            return Optional.empty();
        }
        recordUse(match.key());
        return Optional.of(new Caller(match.key().name(), match.key().role(), match.key().actions()));
    }

    private void recordUse(ApiKey key) {
        Instant now = Instant.now();
        Instant previous = usedSince.get(key.name());
        Instant stored = previous != null ? previous : key.lastUsed();
        usedSince.put(key.name(), now);
        if (stored == null || Duration.between(stored, now).compareTo(LAST_USE_PRECISION) >= 0) {
            writer.execute(() -> {
                try {
                    update(keys -> {
                        for (int i = 0; i < keys.size(); i++) {
                            Stored current = keys.get(i);
                            if (current.key().name().equals(key.name())) {
                                keys.set(i, new Stored(new ApiKey(key.name(), current.key().role(), current.key().actions(),
                                        current.key().created(), now), current.salt(), current.hash()));
                            }
                        }
                        return null;
                    });
                } catch (RuntimeException e) {
                    // a last-use time that could not be written is not worth failing anything for
                }
            });
        }
    }

    private <T> T update(java.util.function.Function<List<Stored>, T> change) {
        try {
            return file.locked(() -> {
                List<Stored> keys = new ArrayList<>(read().keys());
                T result = change.apply(keys);
                file.write(serialise(keys));
                snapshot = null;
                return result;
            });
        } catch (IOException e) {
            throw new WebhookActionException("cannot write " + file.path() + ": " + e.getMessage(), e);
        }
    }

    private Snapshot current() {
        Snapshot known = snapshot;
        try {
            if (known != null && known.modified().equals(Files.getLastModifiedTime(file.path()))
                    && known.size() == Files.size(file.path())) {
                return known;
            }
        } catch (NoSuchFileException e) {
            // read below as no keys
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Snapshot fresh = read();
        snapshot = fresh;
        return fresh;
    }

    private Snapshot read() {
        try {
            FileTime modified = Files.getLastModifiedTime(file.path());
            long size = Files.size(file.path());
            JsonNode tree = Json.strict().readTree(Files.readAllBytes(file.path()));
            if (tree == null || !FORMAT.equals(tree.path("format").asText()) || !tree.path("keys").isArray()) {
                throw new WebhookActionException(file.path() + " is not a webhook-actions API key file (format " + FORMAT + ")");
            }
            List<Stored> keys = new ArrayList<>();
            for (JsonNode key : tree.get("keys")) {
                List<String> actions = new ArrayList<>();
                key.path("actions").forEach(pattern -> actions.add(pattern.asText()));
                keys.add(new Stored(new ApiKey(key.path("name").asText(), Role.ofKey(key.path("role").asText()).orElse(Role.VIEWER),
                        actions, Instant.parse(key.path("created").asText()),
                        key.hasNonNull("last_used") ? Instant.parse(key.get("last_used").asText()) : null),
                        HexFormat.of().parseHex(key.path("salt").asText()), HexFormat.of().parseHex(key.path("sha256").asText())));
            }
            return new Snapshot(modified, size, List.copyOf(keys));
        } catch (NoSuchFileException e) {
            return new Snapshot(FileTime.fromMillis(0), -1, List.of());
        } catch (IOException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new WebhookActionException("cannot read " + file.path() + ": " + e.getMessage(), e);
        }
    }

    private static byte[] serialise(List<Stored> keys) {
        ObjectNode document = Json.mapper().createObjectNode();
        document.put("format", FORMAT);
        ArrayNode array = document.putArray("keys");
        for (Stored stored : keys) {
            ObjectNode key = array.addObject();
            key.put("name", stored.key().name());
            key.put("role", stored.key().role().key());
            ArrayNode actions = key.putArray("actions");
            stored.key().actions().forEach(actions::add);
            key.put("salt", HexFormat.of().formatHex(stored.salt()));
            key.put("sha256", HexFormat.of().formatHex(stored.hash()));
            key.put("created", stored.key().created().toString());
            if (stored.key().lastUsed() != null) {
                key.put("last_used", stored.key().lastUsed().toString());
            }
        }
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] hash(byte[] salt, String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(salt);
            return digest.digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
