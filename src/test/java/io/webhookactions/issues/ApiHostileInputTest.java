package io.webhookactions.issues;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.webhookactions.support.Json;
import io.webhookactions.testing.CapturedLogs;
import io.webhookactions.testing.Echo;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.Upstream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The attacker's pass over the running service's HTTP API: each finding as a test named after what it does now.
 * Every one failed on the code before its fix (a 500, an answer that never came, seconds of CPU from a small
 * request). Requests go to 127.0.0.1 only.
 */
class ApiHostileInputTest {

    /** Enough actions that a "did you mean" over a 1 MiB name took seconds on the event loop. */
    private static final int ACTIONS = 300;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    static Path dir;

    private static Upstream upstream;
    private static ServiceUnderTest service;

    @BeforeAll
    static void start() throws Exception {
        upstream = new Upstream().on("/echo", Echo.handler())
                .on("/deep", Upstream.json(200, "{\"shallow\": 1, \"deep\": " + "[".repeat(990) + "]".repeat(990) + "}"))
                .on("/wide", Upstream.json(200, "{\"n\": 1e10000, \"s\": \"x\"}"));
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Files.writeString(routes.resolve("echo.webhook.json"), "{\"name\": \"echo\", \"method\": \"POST\", \"url\": \"{{upstream}}/echo\","
                + " \"body\": {\"q\": \"{user.q}\", \"tags\": \"{user.tags}\", \"score\": \"{user.score}\"},"
                + " \"response\": {\"2xx\": {\"outputs\": {\"sent\": \"body\"}}}}");
        Files.writeString(routes.resolve("deep.webhook.json"), "{\"name\": \"deep\", \"url\": \"{{upstream}}/deep\","
                + " \"response\": {\"2xx\": {\"outputs\": {\"whole\": \"@\", \"shallow\": \"shallow\"}}}}");
        Files.writeString(routes.resolve("wide.webhook.json"), "{\"name\": \"wide\", \"url\": \"{{upstream}}/wide\","
                + " \"response\": {\"2xx\": {\"outputs\": {\"big\": \"n\", \"s\": \"s\"}}}}");
        for (int i = 0; i < ACTIONS; i++) {
            Files.writeString(routes.resolve(name(i) + ".webhook.json"), "{\"name\": \"" + name(i) + "\", \"url\": \"{{upstream}}/echo\"}");
        }
        Path types = Files.writeString(dir.resolve("attributes.json"), "{\"tags\": \"collection\", \"score\": \"float\"}");
        service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url("") + "\nwebhook.attributes-file=" + types);
    }

    @AfterAll
    static void stop() {
        service.close();
        upstream.close();
    }

    /** As long as an action name may be (60): the work of comparing a name to it grows with its length. */
    private static String name(int i) {
        return String.format("a%03d_", i) + "x".repeat(55);
    }

    private static HttpResponse<String> post(String path, byte[] body, String contentType) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        return post(path, json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String error(HttpResponse<String> response) throws Exception {
        return Json.mapper().readTree(response.body()).path("error").asText();
    }

    @Test
    void aFloatAttributeGivenAsAnAbsurdTextIsLeftEmptyInsteadOfFailingTheExecution() throws Exception {
        HttpResponse<String> response = post("/api/actions/echo/test", "{\"user\": {\"score\": \"1e999999999\"}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode result = Json.mapper().readTree(response.body());
        assertThat(result.path("success").asBoolean()).as(response.body()).isTrue();
        assertThat(result.path("request").path("body").path("score").isNull()).isTrue();
    }

    @Test
    void aCollectionGivenAsText998LevelsDeepIsLeftEmptyInsteadOfA500AfterTheCallWasMade() throws Exception {
        String deep = "[".repeat(998) + "]".repeat(998);
        HttpResponse<String> response = post("/api/actions/echo/test", "{\"user\": {\"tags\": \"" + deep + "\"}}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(response.body()).path("request").path("body").path("tags").isNull()).isTrue();
    }

    @Test
    void aBodyThatIsNotUtf8OrNamesABrokenCharsetIsA400SayingSo() throws Exception {
        byte[] latin1 = "{\"user\": {\"q\": \"caf\u00e9\"}}".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> undeclared = post("/api/actions/echo/test", latin1, "application/json");
        assertThat(undeclared.statusCode()).as(undeclared.body()).isEqualTo(400);
        assertThat(error(undeclared)).contains("UTF-8");

        try (CapturedLogs logs = new CapturedLogs(Level.ERROR)) {
            for (String contentType : new String[] {"application/json; charset=\"", "application/json; charset=",
                "application/json; charset=no-such-charset"}) {
                HttpResponse<String> response = post("/api/actions/echo/test", "{}".getBytes(StandardCharsets.UTF_8), contentType);
                assertThat(response.statusCode()).as(contentType + ": " + response.body()).isEqualTo(400);
                assertThat(error(response)).as(contentType).contains("charset").contains("UTF-8");
            }
            assertThat(logs.text()).isEmpty();
        }

        HttpResponse<String> declared = post("/api/actions/echo/test", latin1, "application/json; charset=ISO-8859-1");
        assertThat(declared.statusCode()).as("a charset the body really is in is still read: " + declared.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(declared.body()).path("request").path("body").path("q").asText()).isEqualTo("caf\u00e9");
    }

    @Test
    void aHistoryRecordHoldingANumberOfTenThousandDigitsIsAnsweredInsteadOfNever() throws Exception {
        HttpResponse<String> run = post("/api/actions/echo/execute", "{\"user\": {\"q\": 1e9999}}");
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        String[] id = new String[1];
        Eventually.await(Duration.ofSeconds(20), "the execution recorded", () -> {
            try {
                JsonNode items = Json.mapper().readTree(get("/api/executions?action=echo&source=execute").body()).path("items");
                id[0] = items.isEmpty() ? null : items.get(0).path("id").asText();
                return id[0] != null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        HttpResponse<String> record = get("/api/executions/" + id[0]);

        assertThat(record.statusCode()).as(record.body()).isEqualTo(200);
        // The default reader takes numbers of at most 1000 digits, which is why the service could not read the record back.
        JsonNode json = JsonMapper.builder(JsonFactory.builder()
                        .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(20_000).build()).build())
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build().readTree(record.body());
        assertThat(json.path("id").asText()).isEqualTo(id[0]);
        assertThat(json.path("request").path("body").path("q").decimalValue()).isEqualByComparingTo("1e9999");
    }

    @Test
    void aMegabyteLongUnknownActionNameIsAnswered404AtOnceWithoutComparingItToEveryAction() throws Exception {
        String name = "a".repeat(1_000_000);
        // Compared to each of the 301 names, it took seconds of one core on the server's event loop.
        HttpResponse<String> pipeline = CLIENT.send(HttpRequest.newBuilder(service.uri("/api/pipelines/execute"))
                .timeout(Duration.ofSeconds(8)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"actions\": [\"" + name + "\"]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(pipeline.statusCode()).isEqualTo(404);
        assertThat(error(pipeline)).startsWith("no webhook action named").doesNotContain("did you mean");
        // The health check shares the event loop the comparison ran on: it must not have waited.
        assertThat(get("/observe/health").statusCode()).isEqualTo(200);
        assertThat(error(post("/api/actions/" + name(7).toUpperCase(java.util.Locale.ROOT) + "/test", "{}")))
                .as("a near miss still gets its hint").contains("did you mean \"" + name(7) + "\"");
    }

    @Test
    void aLimitBeyondAnIntSaysItsRangeNotThatItIsNoNumber() throws Exception {
        HttpResponse<String> response = get("/api/executions?limit=99999999999");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).isEqualTo("limit: must be between 1 and 500");
    }

    @Test
    void aBrokenPercentEncodingInTheQueryIsA400SayingSo() throws Exception {
        // (A path such as /api/actions/%zz/test is refused by Vert.x's HTTP codec before any handler, in plain text.)
        for (String target : new String[] {"/api/executions?before=%%25", "/api/executions?action=%zz"}) {
            String answer = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(answer).as(target).startsWith("HTTP/1.1 400").contains("X-Content-Type-Options: nosniff");
            assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).as(target).startsWith("{\"error\":").contains("percent-encod");
        }
    }

    /** A request as raw bytes: java.net.URI refuses to build a broken percent-encoding, a client that sends one exists. */
    private static String raw(String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", service.port())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * An upstream's answer with a part 990 levels deep, mapped whole into an output: the output would have made the test
     * endpoint's answer deeper than JSON can be written (a 500 after the call). Outputs become context values, which
     * nest at most 64 levels: a deeper one is left unset like any value that cannot be taken.
     */
    @Test
    void anOutputNestedDeeperThanContextValuesMayIsLeftUnsetInsteadOfA500() throws Exception {
        HttpResponse<String> answer = post("/api/actions/deep/test", "{}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode result = Json.mapper().readTree(answer.body());
        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.path("attributes").path("user").has("whole")).as(answer.body()).isFalse();
        assertThat(result.path("attributes").path("user").path("shallow").asInt()).as("a shallow part is still mapped").isEqualTo(1);
    }

    /** 1e10000 written out is 10 001 digits, which the answer (and the history record) cannot carry: the output is left unset. */
    @Test
    void anOutputHoldingANumberTooWideToWriteOutIsLeftUnsetInsteadOfA500() throws Exception {
        HttpResponse<String> answer = post("/api/actions/wide/test", "{}");

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode user = Json.mapper().readTree(answer.body()).path("attributes").path("user");
        assertThat(user.has("big")).isFalse();
        assertThat(user.path("s").asText()).isEqualTo("x");
    }
}
