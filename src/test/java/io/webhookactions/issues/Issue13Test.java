package io.webhookactions.issues;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.DefinitionError;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.definition.Placeholders;
import io.webhookactions.host.HostPolicy;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.Settings;
import io.webhookactions.secret.MasterKey;
import io.webhookactions.secret.SecretStore;
import io.webhookactions.secret.SecretStoreException;
import io.webhookactions.support.Json;
import io.webhookactions.testing.CapturedLogs;
import io.webhookactions.testing.Echo;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.HugeHeaderUpstream;
import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.Upstream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, "Secrets stay where they belong": each finding of the attacker's pass as a test named after it.
 * Every one failed on the code before the fix. Connections go to 127.0.0.1 only; address forms are tested
 * by the guard's decision, never by connecting.
 */
class Issue13Test {

    private static final String API_TOKEN = "API-TOKEN-13-f00d";

    @TempDir
    Path dir;

    private static Engine engine(Map<String, String> secrets) {
        return new Engine(Settings.defaults(name -> Optional.ofNullable(secrets.get(name))));
    }

    @Test
    void headerAuthenticationWithATemplatedHostNoLongerSendsTheSecretWhereTheCallerPoints() throws Exception {
        List<DefinitionError> errors = new DefinitionLoader(Placeholders.of(Map.of("port", "1")::get), null)
                .load(Engine.DEFINITIONS.resolve("header_auth_templated_host.webhook.json")).errors();
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.pointer()).isEqualTo("/url");
            assertThat(error.reason()).contains("so the credentials can only go there").contains("allowed_hosts");
        });

        try (Upstream upstream = new Upstream().on("/x", Upstream.json(200, "{}"));
             Engine engine = engine(Map.of("api_token", API_TOKEN))) {
            engine.property("port", String.valueOf(upstream.port())).load("header_auth_allowed_hosts");

            ActionResult elsewhere = engine.execute("tenant_call", "{\"user\": {\"host\": \"127.0.0.1\"}}");
            assertThat(elsewhere.success()).isFalse();
            assertThat(elsewhere.error()).isEqualTo("host 127.0.0.1 is not in authentication.allowed_hosts, so the credentials"
                    + " are not sent there; the request was not sent");
            assertThat(upstream.requestCount()).isZero();

            ActionResult allowed = engine.execute("tenant_call", "{\"user\": {\"host\": \"localhost\"}}");
            assertThat(allowed.statusCode()).isEqualTo(200);
            assertThat(upstream.last().header("Authorization")).isEqualTo("Bearer " + API_TOKEN);
        }
    }

    @Test
    void anUpstreamEchoingTheAuthorizationHeaderNoLongerShowsTheSecretAnywhere() throws Exception {
        try (Upstream upstream = new Upstream().on("/echo", Echo.handler());
             Engine engine = engine(Map.of("api_token", API_TOKEN));
             CapturedLogs logs = new CapturedLogs(Level.TRACE, "org.apache.camel", "io.webhookactions")) {
            engine.property("upstream", upstream.url("")).load("echo_authorization");

            ActionResult result = engine.execute("echo_authorization");

            assertThat(upstream.last().header("Authorization")).isEqualTo("Bearer " + API_TOKEN);
            assertThat(result.response().headers().get("Echo-authorization")).isEqualTo("••••••••");
            assertThat(result.toJson().toString() + result.response().headers() + logs.text()).doesNotContain(API_TOKEN);
        }
    }

    @Test
    void aHugeResponseHeaderIsRefusedAndItsMemoryReleased() throws Exception {
        try (HugeHeaderUpstream upstream = new HugeHeaderUpstream(64L * 1024 * 1024); Engine engine = new Engine()) {
            engine.property("upstream", "http://127.0.0.1:" + upstream.port()).load("big_headers");
            ActionResult first = engine.execute("big_headers");
            assertThat(first.error()).isEqualTo("response headers of 127.0.0.1:" + upstream.port() + " are larger than 65536 bytes in"
                    + " all or more than 200 (webhook.max-response-header-bytes); nothing was kept");
            long before = usedHeapAfterGc();

            for (int i = 0; i < 20; i++) {
                assertThat(engine.execute("big_headers").success()).isFalse();
            }

            assertThat(usedHeapAfterGc() - before).as("heap after 20 calls to a 64 MB-header upstream").isLessThan(50L * 1024 * 1024);
            assertThat(engine.actions().poolStats()[0]).as("no connection that read a huge header is kept idle").isZero();
        }
    }

    @Test
    void inflatingReplaceAndADeepArrayNoLongerGive500sNorHoldTheShutdown() throws Exception {
        try (Upstream upstream = new Upstream().on("/x", Upstream.json(200, "{}"))) {
            Path routes = Files.createDirectory(dir.resolve("routes"));
            Files.writeString(routes.resolve("replace_inflating.webhook.json"), Files.readString(
                    Engine.DEFINITIONS.resolve("replace_inflating.webhook.json")));
            try (ServiceUnderTest service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url(""))) {
                String sixtyKb = "a".repeat(60 * 1024);
                String contexts = "{\"user\": {\"text\": \"" + sixtyKb + "\", \"big\": \"" + "b".repeat(14 * 1024) + "\"}}";

                HttpResponse<String> inflated = service.post("/api/actions/replace_inflating/test", contexts);
                HttpResponse<String> deep = service.post("/api/actions/replace_inflating/test",
                        "{\"user\": {\"text\": " + "[".repeat(997) + "]".repeat(997) + "}}");

                assertThat(inflated.statusCode()).isEqualTo(200);
                assertThat(Json.mapper().readTree(inflated.body()).path("error").asText())
                        .contains("longer than webhook.max-rendered-bytes (1048576)").endsWith("the request was not sent");
                assertThat(deep.statusCode()).isEqualTo(400);
                assertThat(deep.body()).contains("contexts nest deeper than 64 levels");
                assertThat(upstream.requestCount()).isZero();
                Eventually.await(Duration.ofSeconds(5), "no execution is left marked running",
                        () -> service.context().getInflightRepository().size() == 0);
            }
        }
    }

    @Test
    void aDotDotPathValueIsEncodedInsteadOfRemovingASegment() throws Exception {
        try (Upstream upstream = new Upstream().on("/echo", Echo.handler()); Engine engine = new Engine()) {
            engine.property("upstream", upstream.url("")).load("path_value");

            engine.execute("path_value", "{\"user\": {\"segment\": \"..\"}}");
            String twoDots = upstream.last().uri();
            engine.execute("path_value", "{\"user\": {\"segment\": \".\"}}");

            assertThat(twoDots).isEqualTo("/echo/%2E%2E/tail");
            assertThat(upstream.last().uri()).isEqualTo("/echo/%2E/tail");
        }
    }

    @Test
    void unspecifiedAndMappedAddressesAreRefusedEvenWhenOnlyLoopbackIsDenied() {
        HostPolicy loopbackDenied = HostPolicy.of("", "127.0.0.0/8,::1/128");

        for (String host : List.of("0.0.0.0", "[::]", "[0:0:0:0:0:0:0:0]", "[::ffff:0.0.0.0]")) {
            assertThat(loopbackDenied.refusal(host)).as(host).contains("unspecified address");
        }
        for (String host : List.of("[::ffff:127.0.0.1]", "[::127.0.0.1]", "127.0.0.1", "[::1]")) {
            assertThat(loopbackDenied.refusal(host)).as(host).contains("denied by webhook.denied-hosts");
        }
        assertThat(HostPolicy.defaults().refusal("0.0.0.0")).as("refused whatever the lists say").isNotNull()
                .contains("unspecified");
    }

    @Test
    void numericHostFormsAreRefusedAtRenderInsteadOfBeingReinterpreted() {
        try (Engine engine = new Engine()) {
            engine.property("port", "9").load("templated_host");
            for (String host : List.of("0177.0.0.1", "2130706433", "0x7f.1", "0", "127.1", "0x7f000001")) {
                ActionResult result = engine.execute("templated_host", "{\"user\": {\"host\": \"" + host + "\"}}");
                assertThat(result.statusCode()).as(host).isNull();
                assertThat(result.error()).as(host).contains("is a numeric address that is not in dotted-decimal form")
                        .endsWith("the request was not sent");
            }
        }
        List<DefinitionError> literal = new DefinitionLoader().load(
                "{\"name\": \"a\", \"url\": \"http://0177.0.0.1/x\"}".getBytes(), "a.webhook.json", null).errors();
        assertThat(literal).singleElement().satisfies(error -> assertThat(error.reason()).contains("dotted-decimal"));
    }

    @Test
    void aNonAsciiHeaderValueFailsClearlyInsteadOfBeingSentAsQuestionMarks() throws Exception {
        try (Upstream upstream = new Upstream().on("/x", Upstream.json(200, "{}")); Engine engine = new Engine()) {
            engine.property("upstream", upstream.url("")).load("header_value");

            ActionResult result = engine.execute("header_value", "{\"user\": {\"name\": \"Zoë\"}}");

            assertThat(result.error()).isEqualTo("header X-Name: the rendered value has a character that is not visible ASCII at"
                    + " position 3 (from {user.name}); header values are ASCII: encode the value, e.g. {... | url_encode} or"
                    + " {... | base64}; the request was not sent");
            assertThat(upstream.requestCount()).isZero();
        }
        List<DefinitionError> literal = new DefinitionLoader().load(
                "{\"name\": \"a\", \"url\": \"https://x.example.com\", \"headers\": {\"X-Name\": \"Zoë\"}}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "a.webhook.json", null).errors();
        assertThat(literal).singleElement().satisfies(error -> {
            assertThat(error.pointer()).isEqualTo("/headers/X-Name");
            assertThat(error.reason()).contains("not visible ASCII at position 3");
        });
    }

    @Test
    void twoConcurrentWriterProcessesNoLongerLoseAnEntry() throws Exception {
        Path keyFile = dir.resolve("master.key");
        MasterKey.create(keyFile);
        Path storeFile = dir.resolve("secrets.json");
        List<Process> writers = new ArrayList<>();
        for (String prefix : List.of("a", "b")) {
            writers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), SecretWriterProcess.class.getName(), storeFile.toString(),
                    keyFile.toString(), prefix, "20").redirectErrorStream(true).start());
        }
        for (Process writer : writers) {
            assertThat(writer.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(writer.exitValue()).as(new String(writer.getInputStream().readAllBytes())).isZero();
        }

        SecretStore store = SecretStore.open(storeFile, keyFile);
        assertThat(store.names()).hasSize(40);
        for (int i = 0; i < 20; i++) {
            assertThat(store.secret("a" + i)).contains("value-a" + i);
            assertThat(store.secret("b" + i)).contains("value-b" + i);
        }
    }

    @Test
    void aSecondMasterKeyNoLongerWritesSilentlyIntoTheSameStore() {
        Path first = dir.resolve("first.key");
        Path second = dir.resolve("second.key");
        MasterKey.create(first);
        MasterKey.create(second);
        Path storeFile = dir.resolve("secrets.json");
        SecretStore.open(storeFile, first).set("kept", "value");

        SecretStore other = SecretStore.open(storeFile, second);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.set("intruder", "value"))
                .isInstanceOf(SecretStoreException.class)
                .hasMessageContaining("was written under another master key (fingerprint ")
                .hasMessageContaining("the key in use has fingerprint ");
        assertThat(SecretStore.open(storeFile, first).names()).containsExactly("kept");
    }

    @Test
    void aCrashedWritesTemporaryFileIsRemovedOnTheNextStart() throws Exception {
        Path keyFile = dir.resolve("master.key");
        MasterKey.create(keyFile);
        Path storeFile = dir.resolve("secrets.json");
        SecretStore.open(storeFile, keyFile).set("kept", "value");
        Files.writeString(dir.resolve(".secrets-4711.tmp"), "half a store");

        SecretStore.open(storeFile, keyFile).recover();

        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(path -> path.getFileName().toString())).doesNotContain(".secrets-4711.tmp");
        }
        assertThat(SecretStore.open(storeFile, keyFile).secret("kept")).contains("value");
    }

    @Test
    void oneBrokenFileNoLongerBlocksTheReloadOfOthersAndIsReported() throws Exception {
        try (Upstream upstream = new Upstream().on("/v", Upstream.json(200, "{\"v\": 1}"))) {
            Path routes = Files.createDirectory(dir.resolve("routes"));
            Files.writeString(routes.resolve("a.webhook.json"), "{\"name\": \"a\", \"url\": \"{{upstream}}/v\"}");
            Files.writeString(routes.resolve("b.webhook.json"), "{\"name\": \"b\", \"url\": \"{{upstream}}/v\"}");
            try (ServiceUnderTest service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url(""))) {
                Files.writeString(routes.resolve("a.webhook.json"), "{\"name\": \"a\", \"method\": \"FETCH\", \"url\": \"{{upstream}}/v\"}");
                Eventually.await(Duration.ofSeconds(20), "a is reported broken", () -> body(service, "/api/problems").size() == 1);
                Files.writeString(routes.resolve("b.webhook.json"), "{\"name\": \"b\", \"description\": \"edited\", \"url\": \"{{upstream}}/v\"}");

                Eventually.await(Duration.ofSeconds(20), "the edit of b is live", () -> {
                    JsonNode actions = body(service, "/api/actions");
                    return actions.size() == 2 && actions.get(1).path("description").asText().equals("edited");
                });
                JsonNode problems = body(service, "/api/problems");
                assertThat(problems.get(0).path("file").asText()).endsWith("a.webhook.json");
                assertThat(problems.get(0).path("errors").get(0).asText()).startsWith("/method: ");
                JsonNode health = body(service, "/observe/health");
                assertThat(health.path("status").asText()).isEqualTo("UP");
                assertThat(health.path("definitions").asText()).isEqualTo("DEGRADED");
                assertThat(health.path("problems").asInt()).isEqualTo(1);
                assertThat(Json.mapper().readTree(service.post("/api/actions/a/test", "{}").body()).path("success").asBoolean())
                        .as("the last good version of a keeps running").isTrue();

                Files.delete(routes.resolve("a.webhook.json"));
                Eventually.await(Duration.ofSeconds(20), "a deleted file is no longer a problem",
                        () -> body(service, "/api/problems").isEmpty());
            }
        }
    }

    @Test
    void aFileThatAnExpressionLibraryFailsOnDoesNotBlockTheReloadOfOthersEither() throws Exception {
        // jmespath-java let a NumberFormatException out of its parser: it ended every reload, the good edit of b
        // included, with a stack trace in the log and nothing in /api/problems.
        try (Upstream upstream = new Upstream().on("/v", Upstream.json(200, "{\"v\": 1}"))) {
            Path routes = Files.createDirectory(dir.resolve("routes"));
            Files.writeString(routes.resolve("b.webhook.json"), "{\"name\": \"b\", \"url\": \"{{upstream}}/v\"}");
            try (ServiceUnderTest service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url(""))) {
                Files.writeString(routes.resolve("a.webhook.json"), "{\"name\": \"a\", \"url\": \"{{upstream}}/v\", \"response\": "
                        + "{\"2xx\": {\"outputs\": {\"v\": \"items[99999999999999999999]\"}}}}");
                Eventually.await(Duration.ofSeconds(20), "a is reported broken", () -> body(service, "/api/problems").size() == 1);
                Files.writeString(routes.resolve("b.webhook.json"), "{\"name\": \"b\", \"description\": \"edited\", \"url\": \"{{upstream}}/v\"}");

                Eventually.await(Duration.ofSeconds(20), "the edit of b is live", () -> {
                    JsonNode actions = body(service, "/api/actions");
                    return actions.size() == 1 && actions.get(0).path("description").asText().equals("edited");
                });
                JsonNode problems = body(service, "/api/problems");
                assertThat(problems.get(0).path("file").asText()).endsWith("a.webhook.json");
                assertThat(problems.get(0).path("errors").get(0).asText())
                        .startsWith("/response/2xx/outputs/v: ").contains("beyond ±2147483647");
            }
        }
    }

    @Test
    void anOauth2LifetimeOfLongMaxNoLongerFailsWithAnArithmeticException() throws Exception {
        try (Upstream upstream = new Upstream()
                .on("/oauth/token", Upstream.json(200, "{\"access_token\": \"t-1\", \"expires_in\": 9223372036854775807}"))
                .on("/accounts", Upstream.json(200, "{}"));
             Engine engine = engine(Map.of("client_secret", "s3cret-value"))) {
            engine.property("upstream", upstream.url("")).load("oauth_long_lived");

            ActionResult first = engine.execute("oauth_long_lived");
            ActionResult second = engine.execute("oauth_long_lived");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(second.statusCode()).isEqualTo(200);
            assertThat(upstream.requests()).filteredOn(request -> request.uri().equals("/oauth/token")).hasSize(1);
        }
    }

    @Test
    void unknownContextsInARequestBodyAreRefusedByName() throws Exception {
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Files.writeString(routes.resolve("a.webhook.json"), "{\"name\": \"a\", \"url\": \"http://127.0.0.1:9/x\"}");
        try (ServiceUnderTest service = ServiceUnderTest.start(dir, routes, "")) {
            HttpResponse<String> secret = service.post("/api/actions/a/test", "{\"secret\": {\"api_token\": \"mine\"}}");
            HttpResponse<String> several = service.post("/api/actions/a/execute", "{\"user\": {}, \"usr\": {}, \"_auth\": {}}");

            assertThat(secret.statusCode()).isEqualTo(400);
            assertThat(Json.mapper().readTree(secret.body()).path("error").asText()).isEqualTo("unknown context secret: contexts are"
                    + " user, session, global and conversation (secret, _auth and _webhook cannot be supplied)");
            assertThat(several.statusCode()).isEqualTo(400);
            assertThat(several.body()).contains("unknown contexts usr, _auth");
            HttpResponse<String> pipeline = service.post("/api/pipelines/execute",
                    "{\"actions\": [\"a\"], \"context\": {\"user\": {}, \"_webhook\": {\"x\": 1}}}");
            assertThat(pipeline.statusCode()).as("the pipeline endpoint too").isEqualTo(400);
            assertThat(pipeline.body()).contains("unknown context _webhook");
        }
    }

    private static JsonNode body(ServiceUnderTest service, String path) {
        try {
            return Json.mapper().readTree(service.get(path).body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Used heap once a full collection has run (System.gc() is a full collection with the default G1 settings). */
    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
