package io.webhookactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.Upstream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} as configured by the command: the HTTP API of SPEC §7 and hot reload of route files. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeTest {

    @TempDir
    static Path dir;

    private static final Path SOURCES = Engine.DEFINITIONS.resolve("serve");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Upstream upstream;
    private static ServiceUnderTest service;
    private static int port;
    private static Path routes;

    @BeforeAll
    static void start() throws Exception {
        upstream = new Upstream()
                .on("/users", (exchange, body) -> Upstream.respond(exchange, 200, "application/json",
                        "{\"name\": \"user " + exchange.getRequestURI().getPath().substring(7) + "\"}"))
                .on("/v2", Upstream.json(200, "{\"version\": 2}"));
        routes = Files.createDirectory(dir.resolve("routes"));
        install("get_user", "get_user");
        install("greet", "greet");
        service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url(""));
        port = service.port();
        Eventually.await(Duration.ofSeconds(20), "the API answers", () -> {
            try {
                return get("/api/actions").statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    @AfterAll
    static void stop() {
        service.close();
        upstream.close();
    }

    /**
     * Writes {@code definitions/serve/SOURCE.webhook.json} into the routes folder as {@code NAME.webhook.json}, over
     * the file's content as an editor saves it (not a delete and a new file, which would remove the action).
     */
    private static void install(String source, String name) throws IOException {
        Files.writeString(routes.resolve(name + ".webhook.json"), Files.readString(SOURCES.resolve(source + ".webhook.json")));
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(1)
    void listsActionsWithTheirInputs() throws Exception {
        HttpResponse<String> response = get("/api/actions");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("application/json"));
        JsonNode list = JSON.readTree(response.body());
        assertThat(list).hasSize(2);
        JsonNode getUser = list.get(0).path("name").asText().equals("get_user") ? list.get(0) : list.get(1);
        assertThat(getUser.path("description").asText()).isEqualTo("Get one user");
        assertThat(getUser.path("method").asText()).isEqualTo("GET");
        assertThat(getUser.path("url").asText()).as("properties resolved, attributes as written")
                .isEqualTo(upstream.url("/users/{user_id}"));
        assertThat(getUser.path("inputs").toString()).isEqualTo("[\"user.user_id\",\"session.sid\"]");
    }

    @Test
    @Order(2)
    void testEndpointReturnsTheWholeResult() throws Exception {
        HttpResponse<String> response = post("/api/actions/get_user/test", "{\"user\": {\"user_id\": \"7\"}, \"session\": {\"sid\": \"s1\"}}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode result = JSON.readTree(response.body());
        assertThat(result.path("action").asText()).isEqualTo("get_user");
        assertThat(result.path("success").asBoolean()).isTrue();
        assertThat(result.path("status_code").asInt()).isEqualTo(200);
        assertThat(result.path("duration_ms").isIntegralNumber()).isTrue();
        assertThat(result.path("attributes").path("user").path("user_name").asText()).isEqualTo("user 7");
        assertThat(result.path("attributes").path("user").path("get_user_action_success").asBoolean()).isTrue();
        assertThat(result.path("attributes").path("session").path("seen").asText()).isEqualTo("user 7");
        assertThat(result.path("request").path("url").asText()).isEqualTo(upstream.url("/users/7"));
        assertThat(result.path("request").path("headers").path("X-Session").asText()).isEqualTo("s1");
        assertThat(result.path("request").path("body").isNull()).isTrue();
        assertThat(result.path("response").path("status").asInt()).isEqualTo(200);
        assertThat(result.path("response").path("body").asText()).isEqualTo("{\"name\": \"user 7\"}");
        assertThat(result.path("error").isNull()).isTrue();
        assertThat(upstream.last().header("X-Session")).isEqualTo("s1");
        assertThat(upstream.last().header("Content-Type")).as("no header of the API request leaks upstream").isNull();
    }

    @Test
    @Order(3)
    void executeEndpointReturnsOnlyAttributes() throws Exception {
        HttpResponse<String> response = post("/api/actions/get_user/execute", "{\"user\": {\"user_id\": \"8\"}}");

        JsonNode result = JSON.readTree(response.body());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(result.fieldNames()).toIterable().containsExactly("attributes");
        assertThat(result.path("attributes").path("user").path("user_name").asText()).isEqualTo("user 8");
    }

    @Test
    @Order(4)
    void pipelineRunsInOrderAndMergesAttributes() throws Exception {
        HttpResponse<String> response = post("/api/pipelines/execute",
                "{\"actions\": [\"get_user\", \"greet\"], \"context\": {\"user\": {\"user_id\": \"9\"}}}");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode user = JSON.readTree(response.body()).path("attributes").path("user");
        assertThat(user.path("user_name").asText()).isEqualTo("user 9");
        assertThat(user.path("greet_action_success").asBoolean()).isTrue();
        assertThat(upstream.last().body()).isEqualTo("{\"who\":\"user 9\"}");
    }

    @Test
    @Order(5)
    void errorsHaveTheirCodesAndReasons() throws Exception {
        assertThat(post("/api/actions/nope/test", "{}").statusCode()).isEqualTo(404);
        assertThat(post("/api/actions/nope/execute", "{}").statusCode()).isEqualTo(404);
        HttpResponse<String> malformed = post("/api/actions/get_user/test", "{not json");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).path("error").asText()).startsWith("body is not valid JSON");
        HttpResponse<String> wrongShape = post("/api/actions/get_user/test", "{\"user\": [1]}");
        assertThat(wrongShape.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrongShape.body()).path("error").asText()).contains("\"user\" must be a JSON object");
        assertThat(post("/api/pipelines/execute", "{\"actions\": []}").statusCode()).isEqualTo(400);
        assertThat(post("/api/pipelines/execute", "{\"actions\": [\"get_user\", \"nope\"]}").statusCode()).isEqualTo(404);
        HttpResponse<String> form = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/actions/get_user/test")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(form.statusCode()).isEqualTo(415);
        HttpResponse<String> tooLarge = post("/api/actions/get_user/test", "{\"user\": {\"x\": \"" + "a".repeat(1024 * 1024) + "\"}}");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
    }

    @Test
    @Order(6)
    void editedFileIsReloadedAndABrokenEditKeepsTheLastGoodVersion() throws Exception {
        install("greet_v2", "greet");
        Eventually.await(Duration.ofSeconds(20), "the edited greet runs", () -> version() == 2);

        install("greet_broken", "greet");
        upstream.on("/v3", Upstream.json(200, "{\"version\": 3}"));
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(version()).as("the broken edit must not replace the running version").isEqualTo(2);
        }
    }

    @Test
    @Order(7)
    void deletedFileRemovesItsAction() throws Exception {
        Files.delete(routes.resolve("greet.webhook.json"));

        // While the removal is in progress a call either still runs the action or is told it is gone:
        // never a 500, never a call left waiting for a route that will not come back.
        java.util.List<Integer> statuses = new java.util.concurrent.CopyOnWriteArrayList<>();
        Eventually.await(Duration.ofSeconds(20), "greet is gone", () -> {
            try {
                int status = post("/api/actions/greet/test", "{}").statusCode();
                statuses.add(status);
                return status == 404;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(statuses).allMatch(status -> status == 200 || status == 404);
        assertThat(JSON.readTree(get("/api/actions").body())).extracting(node -> node.path("name").asText()).containsExactly("get_user");
    }

    private static int version() {
        try {
            return JSON.readTree(post("/api/actions/greet/test", "{}").body()).path("attributes").path("user").path("version").asInt(-1);
        } catch (Exception e) {
            return -1;
        }
    }
}
