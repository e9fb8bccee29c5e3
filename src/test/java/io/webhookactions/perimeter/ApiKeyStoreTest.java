package io.webhookactions.perimeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.WebhookActionException;
import io.webhookactions.support.Json;
import io.webhookactions.testing.Eventually;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API keys (SPEC §10) as {@code keys create/list/revoke} and the service use them: a token is shown once and
 * never stored, only its salted hash; a key authenticates as its name, role and action patterns; the file is
 * re-read when another process changes it.
 */
class ApiKeyStoreTest {

    @TempDir
    Path dir;

    /**
     * A use is written to the file in the background after the test's last line: wait until every key writer is idle,
     * so the temporary folder is not deleted under a write.
     */
    @AfterEach
    void letTheBackgroundWritesFinish() {
        Eventually.await(Duration.ofSeconds(10), "the key writers are idle", () -> Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("webhook-actions-api-keys"))
                .allMatch(thread -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TERMINATED));
    }

    private Path file() {
        return dir.resolve("config").resolve("api-keys.json");
    }

    private ApiKeyStore store() {
        return new ApiKeyStore(file());
    }

    private static String sha256Hex(byte[] salt, String token) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        digest.update(salt);
        return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
    }

    /** A key file written by hand, as another version or an editor would leave it. */
    private void writeKeyFile(String name, String role, String token, String lastUsed) throws Exception {
        byte[] salt = HexFormat.of().parseHex("00112233445566778899aabbccddeeff");
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"format\": \"webhook-actions-api-keys/1\", \"keys\": [{\"name\": \"" + name + "\", \"role\": \""
                + role + "\", \"actions\": [\"get_*\"], \"salt\": \"00112233445566778899aabbccddeeff\", \"sha256\": \""
                + sha256Hex(salt, token) + "\", \"created\": \"2026-01-02T03:04:05Z\""
                + (lastUsed == null ? "" : ", \"last_used\": \"" + lastUsed + "\"") + "}]}");
    }

    /** Waits until the background write of {@code name}'s first use is in the file, so none is left running. */
    private void awaitLastUseWritten(String name) {
        awaitTrue("last use of " + name + " written", () -> store().list().stream()
                .anyMatch(key -> key.name().equals(name) && key.lastUsed() != null));
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier condition) {
        Eventually.await(Duration.ofSeconds(10), what, condition);
    }

    @Test
    void withoutAKeyFileThereAreNoKeysAndNoTokenIsAccepted() {
        ApiKeyStore store = store();

        assertThat(store.file()).isEqualTo(file());
        assertThat(store.hasKeys()).isFalse();
        assertThat(store.list()).isEmpty();
        assertThat(store.authenticate("wa_anything")).isEmpty();
        assertThat(Files.exists(file())).as("reading creates nothing").isFalse();
    }

    @Test
    void aCreatedKeyAuthenticatesAsItsNameRoleAndActions() throws Exception {
        ApiKeyStore store = store();

        String token = store.create("reader-bot", Role.EXECUTOR, List.of("get_*", "list_orders"));

        assertThat(token).startsWith(ApiKeyStore.PREFIX).matches("wa_[A-Za-z0-9_-]{43}");
        assertThat(store.hasKeys()).isTrue();
        Caller caller = store.authenticate(token).orElseThrow();
        assertThat(caller.name()).isEqualTo("reader-bot");
        assertThat(caller.role()).isEqualTo(Role.EXECUTOR);
        assertThat(caller.actions()).containsExactly("get_*", "list_orders");
        awaitLastUseWritten("reader-bot");
    }

    @Test
    void eachKeyGetsItsOwnTokenAndSalt() throws Exception {
        ApiKeyStore store = store();

        String first = store.create("one", Role.VIEWER, List.of());
        String second = store.create("two", Role.ADMIN, List.of());

        assertThat(first).isNotEqualTo(second);
        assertThat(store.authenticate(first).orElseThrow().name()).isEqualTo("one");
        assertThat(store.authenticate(second).orElseThrow().name()).isEqualTo("two");
        assertThat(store.authenticate(second).orElseThrow().role()).isEqualTo(Role.ADMIN);
        JsonNode keys = Json.mapper().readTree(file().toFile()).get("keys");
        assertThat(keys.get(0).get("salt").asText()).isNotEqualTo(keys.get(1).get("salt").asText()).hasSize(32);
        awaitLastUseWritten("one");
        awaitLastUseWritten("two");
    }

    @Test
    void theTokenIsNeverWrittenToTheFileOnlyItsSaltedHash() throws Exception {
        String token = store().create("ci-runner", Role.TESTER, List.of("deploy_*"));

        String content = Files.readString(file());
        JsonNode document = Json.mapper().readTree(content);
        JsonNode key = document.get("keys").get(0);
        assertThat(content).doesNotContain(token).doesNotContain(token.substring(ApiKeyStore.PREFIX.length()));
        assertThat(document.get("format").asText()).isEqualTo("webhook-actions-api-keys/1");
        assertThat(key.get("name").asText()).isEqualTo("ci-runner");
        assertThat(key.get("role").asText()).isEqualTo("tester");
        assertThat(key.get("actions").toString()).isEqualTo("[\"deploy_*\"]");
        assertThat(key.get("sha256").asText()).isEqualTo(sha256Hex(HexFormat.of().parseHex(key.get("salt").asText()), token));
        assertThat(Instant.parse(key.get("created").asText())).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(key.has("last_used")).as("never used yet").isFalse();
    }

    @Test
    void aWrongMissingOrUnprefixedTokenIsNotAccepted() throws Exception {
        ApiKeyStore store = store();
        String token = store.create("one", Role.ADMIN, List.of());

        assertThat(store.authenticate(null)).isEmpty();
        assertThat(store.authenticate("")).isEmpty();
        assertThat(store.authenticate(token + "x")).isEmpty();
        assertThat(store.authenticate(token.substring(0, token.length() - 1))).isEmpty();
        assertThat(store.authenticate(token.substring(ApiKeyStore.PREFIX.length()))).isEmpty();
        assertThat(store.authenticate(token.toUpperCase())).isEmpty();
    }

    @Test
    void aTokenWithoutThePrefixIsRefusedEvenWhenTheFileHoldsItsHash() throws Exception {
        writeKeyFile("legacy", "admin", "no-prefix-token", null);

        assertThat(store().hasKeys()).isTrue();
        assertThat(store().authenticate("no-prefix-token")).isEmpty();
    }

    @Test
    void aKeyWrittenByHandAuthenticatesWithTheTokenItsHashIsOf() throws Exception {
        writeKeyFile("by-hand", "tester", "wa_by-hand-token", null);

        Caller caller = store().authenticate("wa_by-hand-token").orElseThrow();

        assertThat(caller.name()).isEqualTo("by-hand");
        assertThat(caller.role()).isEqualTo(Role.TESTER);
        assertThat(caller.actions()).containsExactly("get_*");
        awaitLastUseWritten("by-hand");
    }

    @Test
    void aKeyWhoseRoleIsUnknownOnlyViews() throws Exception {
        writeKeyFile("odd", "superuser", "wa_odd-token", Instant.now().toString());

        assertThat(store().authenticate("wa_odd-token").orElseThrow().role()).isEqualTo(Role.VIEWER);
        assertThat(store().list().get(0).role()).isEqualTo(Role.VIEWER);
    }

    @Test
    void listShowsEachKeyWithoutItsToken() {
        ApiKeyStore store = store();
        Instant before = Instant.now();
        store.create("dashboards", Role.VIEWER, List.of());
        store.create("reader-bot", Role.EXECUTOR, List.of("get_*"));

        List<ApiKeyStore.ApiKey> keys = store.list();

        assertThat(keys).extracting(ApiKeyStore.ApiKey::name).containsExactly("dashboards", "reader-bot");
        assertThat(keys).extracting(ApiKeyStore.ApiKey::role).containsExactly(Role.VIEWER, Role.EXECUTOR);
        assertThat(keys.get(1).actions()).containsExactly("get_*");
        assertThat(keys.get(0).created()).isBetween(before.minusSeconds(1), Instant.now());
        assertThat(keys.get(0).lastUsed()).isNull();
    }

    @Test
    void aKeyShowsItWasUsedAsSoonAsItAuthenticatesAndTheFileKeepsIt() throws Exception {
        ApiKeyStore store = store();
        String token = store.create("ci-runner", Role.EXECUTOR, List.of());
        store.create("other", Role.VIEWER, List.of());
        Instant before = Instant.now();

        store.authenticate(token);

        ApiKeyStore.ApiKey used = store.list().get(0);
        assertThat(used.lastUsed()).isBetween(before, Instant.now());
        assertThat(used.role()).isEqualTo(Role.EXECUTOR);
        assertThat(used.created()).isBefore(used.lastUsed().plusNanos(1));
        assertThat(store.list().get(1).lastUsed()).as("the other key was not used").isNull();
        awaitTrue("last use written", () -> store().list().get(0).lastUsed() != null);
        ApiKeyStore.ApiKey reread = store().list().get(0);
        assertThat(reread.lastUsed()).isEqualTo(used.lastUsed());
        assertThat(reread.name()).isEqualTo("ci-runner");
        assertThat(reread.role()).isEqualTo(Role.EXECUTOR);
        assertThat(reread.created()).isEqualTo(used.created());
        assertThat(store().list().get(1).lastUsed()).isNull();
        assertThat(store().authenticate(token)).as("the key still works after its last use was written").isPresent();
    }

    @Test
    void aRecentLastUseIsNotRewrittenOnEveryRequest() throws Exception {
        String recent = Instant.now().minusSeconds(10).toString();
        writeKeyFile("busy", "viewer", "wa_busy-token", recent);
        ApiKeyStore store = store();
        FileTime written = Files.getLastModifiedTime(file());
        String content = Files.readString(file());

        for (int i = 0; i < 5; i++) {
            assertThat(store.authenticate("wa_busy-token")).isPresent();
        }
        Thread.sleep(300);

        assertThat(Files.readString(file())).isEqualTo(content);
        assertThat(Files.getLastModifiedTime(file())).isEqualTo(written);
        assertThat(store.list().get(0).lastUsed()).isAfter(Instant.parse(recent));
    }

    @Test
    void aLastUseOlderThanAMinuteIsRewritten() throws Exception {
        String old = Instant.now().minusSeconds(61).toString();
        writeKeyFile("idle", "viewer", "wa_idle-token", old);
        ApiKeyStore store = store();

        assertThat(store.authenticate("wa_idle-token")).isPresent();

        awaitTrue("last use rewritten", () -> !store().list().get(0).lastUsed().equals(Instant.parse(old)));
        assertThat(store().list().get(0).lastUsed()).isAfter(Instant.parse(old).plusSeconds(60));
    }

    @Test
    void aSecondUseWithinAMinuteIsNotWrittenAgain() throws Exception {
        ApiKeyStore store = store();
        String token = store.create("ci-runner", Role.EXECUTOR, List.of());
        store.authenticate(token);
        awaitTrue("first use written", () -> store().list().get(0).lastUsed() != null);
        Thread.sleep(50);
        String content = Files.readString(file());

        store.authenticate(token);
        Thread.sleep(300);

        assertThat(Files.readString(file())).isEqualTo(content);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() throws Exception {
        ApiKeyStore store = store();
        String token = store.create("leaked", Role.ADMIN, List.of());
        String kept = store.create("kept", Role.VIEWER, List.of());

        assertThat(store.revoke("leaked")).isTrue();

        assertThat(store.authenticate(token)).isEmpty();
        assertThat(store.authenticate(kept)).isPresent();
        awaitLastUseWritten("kept");
        assertThat(store.list()).extracting(ApiKeyStore.ApiKey::name).containsExactly("kept");
        assertThat(store.revoke("leaked")).as("already gone").isFalse();
        assertThat(store.revoke("never-was")).isFalse();
    }

    @Test
    void aKeyCreatedOrRevokedByAnotherProcessAppliesAtOnce() throws Exception {
        ApiKeyStore service = store();
        assertThat(service.hasKeys()).isFalse();

        String token = store().create("from-the-command-line", Role.VIEWER, List.of());

        assertThat(service.hasKeys()).isTrue();
        assertThat(service.authenticate(token)).isPresent();
        awaitLastUseWritten("from-the-command-line");

        store().revoke("from-the-command-line");

        assertThat(service.authenticate(token)).isEmpty();
        assertThat(service.hasKeys()).isFalse();
    }

    /** A last use of a few seconds ago, always as long: a key file with it is not rewritten by an authentication. */
    private static String recently() {
        return Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    @Test
    void aKeyFileReplacedWithTheSameTimestampIsStillReadAgain() throws Exception {
        writeKeyFile("first", "viewer", "wa_first-token", recently());
        ApiKeyStore service = store();
        assertThat(service.authenticate("wa_first-token")).isPresent();
        FileTime stamp = Files.getLastModifiedTime(file());

        writeKeyFile("second-key", "viewer", "wa_second-token", recently());
        Files.setLastModifiedTime(file(), stamp);

        assertThat(service.authenticate("wa_second-token")).as("the size changed").isPresent();
        assertThat(service.authenticate("wa_first-token")).isEmpty();
    }

    @Test
    void aKeyFileReplacedWithOneOfTheSameSizeIsReadAgain() throws Exception {
        String recently = recently();
        writeKeyFile("aaaaa", "viewer", "wa_first-token", recently);
        ApiKeyStore service = store();
        assertThat(service.authenticate("wa_first-token")).isPresent();
        FileTime stamp = Files.getLastModifiedTime(file());
        long size = Files.size(file());

        writeKeyFile("bbbbb", "viewer", "wa_other-token", recently);
        Files.setLastModifiedTime(file(), FileTime.from(stamp.toInstant().plusSeconds(5)));
        assertThat(Files.size(file())).isEqualTo(size);

        assertThat(service.authenticate("wa_other-token")).as("the time changed").isPresent();
        assertThat(service.authenticate("wa_first-token")).isEmpty();
    }

    @Test
    void deletingTheKeyFileRemovesEveryKey() throws Exception {
        ApiKeyStore store = store();
        String token = store.create("one", Role.ADMIN, List.of());
        assertThat(store.hasKeys()).isTrue();

        Files.delete(file());

        assertThat(store.hasKeys()).isFalse();
        assertThat(store.authenticate(token)).isEmpty();
    }

    @Test
    void anUnchangedFileIsNotReadAgain() throws Exception {
        ApiKeyStore store = store();
        String token = store.create("one", Role.ADMIN, List.of());
        assertThat(store.authenticate(token)).isPresent();
        awaitLastUseWritten("one");
        assertThat(store.hasKeys()).isTrue();
        FileTime stamp = Files.getLastModifiedTime(file());
        String content = Files.readString(file());

        // Same size, same time, but no longer a key file: a store that re-read it would fail.
        Files.writeString(file(), " ".repeat(content.length()));
        Files.setLastModifiedTime(file(), stamp);

        assertThat(store.authenticate(token)).isPresent();
    }

    @Test
    void aTakenNameIsRefusedAndTheKeyKeepsWorking() throws Exception {
        ApiKeyStore store = store();
        String token = store.create("ci", Role.VIEWER, List.of());

        assertThatThrownBy(() -> store.create("ci", Role.ADMIN, List.of()))
                .isInstanceOf(WebhookActionException.class)
                .hasMessage("a key named \"ci\" exists; revoke it first or choose another name");

        assertThat(store.authenticate(token).orElseThrow().role()).isEqualTo(Role.VIEWER);
        assertThat(store.list()).hasSize(1);
        awaitLastUseWritten("ci");
    }

    @Test
    void aNameOfLettersDigitsDotsHyphensAndUnderscoresUpTo64IsAccepted() {
        ApiKeyStore store = store();

        store.create("a", Role.VIEWER, List.of());
        store.create("Z9_.-x", Role.VIEWER, List.of());
        store.create("k".repeat(64), Role.VIEWER, List.of());

        assertThat(store.list()).hasSize(3);
    }

    @Test
    void anInvalidNameIsRefusedBeforeAnythingIsWritten() {
        for (String name : List.of("", "-lead", ".lead", "_lead", "has space", "slash/name", "k".repeat(65), "quote\"", "ü")) {
            assertThatThrownBy(() -> store().create(name, Role.VIEWER, List.of()))
                    .isInstanceOf(WebhookActionException.class)
                    .hasMessage("\"" + name + "\" is not a valid key name; use letters, digits, '_', '.' and '-' (at most 64)");
        }
        assertThat(Files.exists(file())).isFalse();
    }

    @Test
    void anInvalidActionPatternIsRefusedBeforeAnythingIsWritten() {
        assertThatThrownBy(() -> store().create("bot", Role.VIEWER, List.of("get_*", "Get-User")))
                .isInstanceOf(WebhookActionException.class)
                .hasMessage("\"Get-User\" is not an action pattern; use action-name characters and *, e.g. get_*");
        assertThatThrownBy(() -> store().create("bot", Role.VIEWER, List.of("")))
                .isInstanceOf(WebhookActionException.class);
        assertThat(Files.exists(file())).isFalse();
    }

    @Test
    void aFileThatIsNotAKeyFileIsReportedByName() throws Exception {
        Files.createDirectories(file().getParent());
        for (String content : List.of("{\"format\": \"something-else/1\", \"keys\": []}", "{\"keys\": []}",
                "{\"format\": \"webhook-actions-api-keys/1\"}", "{\"format\": \"webhook-actions-api-keys/1\", \"keys\": {}}", "[]",
                "")) {
            Files.writeString(file(), content);

            assertThatThrownBy(() -> store().hasKeys())
                    .as(content)
                    .isInstanceOf(WebhookActionException.class)
                    .hasMessage(file() + " is not a webhook-actions API key file (format webhook-actions-api-keys/1)");
        }
    }

    @Test
    void aDamagedKeyFileIsReportedByName() throws Exception {
        Files.createDirectories(file().getParent());
        String good = "{\"name\": \"a\", \"role\": \"viewer\", \"salt\": \"00\", \"sha256\": \"00\", \"created\": \"2026-01-02T03:04:05Z\"";
        for (String content : List.of("{not json", "{\"format\": \"webhook-actions-api-keys/1\", \"format\": \"x\", \"keys\": []}",
                "{\"format\": \"webhook-actions-api-keys/1\", \"keys\": [" + good.replace("\"00\"", "\"zz\"") + "}]}",
                "{\"format\": \"webhook-actions-api-keys/1\", \"keys\": [" + good.replace("2026-01-02T03:04:05Z", "yesterday") + "}]}",
                "{\"format\": \"webhook-actions-api-keys/1\", \"keys\": [" + good + ", \"last_used\": \"soon\"}]}")) {
            Files.writeString(file(), content);

            assertThatThrownBy(() -> store().list())
                    .as(content)
                    .isInstanceOf(WebhookActionException.class)
                    .hasMessageStartingWith("cannot read " + file() + ": ");
        }
    }

    @Test
    void aKeyWithoutActionsOrLastUseIsReadAsUsableEverywhereAndNeverUsed() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"format\": \"webhook-actions-api-keys/1\", \"keys\": [{\"name\": \"a\", \"role\": \"viewer\","
                + " \"salt\": \"00\", \"sha256\": \"00\", \"created\": \"2026-01-02T03:04:05Z\", \"last_used\": null}]}");

        ApiKeyStore.ApiKey key = store().list().get(0);

        assertThat(key.actions()).isEmpty();
        assertThat(key.lastUsed()).isNull();
        assertThat(key.created()).isEqualTo(Instant.parse("2026-01-02T03:04:05Z"));
    }

    @Test
    void aKeyFileThatCannotBeWrittenIsReportedByName() throws Exception {
        Files.createDirectories(dir.resolve("config"));
        Path blocked = dir.resolve("config").resolve("blocked");
        Files.writeString(blocked, "a file where a folder should be");
        ApiKeyStore store = new ApiKeyStore(blocked.resolve("api-keys.json"));

        assertThatThrownBy(() -> store.create("one", Role.VIEWER, List.of()))
                .isInstanceOf(WebhookActionException.class)
                .hasMessageStartingWith("cannot write " + blocked.resolve("api-keys.json") + ": ");
    }

    @Test
    void aKeyListedByKeysListCannotBeChangedThroughIt() {
        ApiKeyStore.ApiKey key = new ApiKeyStore.ApiKey("a", Role.VIEWER, new java.util.ArrayList<>(List.of("get_*")), Instant.EPOCH, null);

        assertThatThrownBy(() -> key.actions().add("*")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(Optional.ofNullable(key.lastUsed())).isEmpty();
    }

    @Test
    void theThreadThatWritesLastUsesDoesNotKeepTheJvmRunning() {
        ApiKeyStore store = store();
        String token = store.create("ci", Role.VIEWER, List.of());

        assertThat(store.authenticate(token)).isPresent();

        java.util.List<Thread> writers = Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("webhook-actions-api-keys")).toList();
        assertThat(writers).as("the first use is written in the background").isNotEmpty();
        assertThat(writers).allSatisfy(thread -> assertThat(thread.isDaemon()).as("a daemon thread").isTrue());
    }
}
