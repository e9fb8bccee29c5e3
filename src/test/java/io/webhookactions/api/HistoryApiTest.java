package io.webhookactions.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.support.Json;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.KeysCommand;
import io.webhookactions.testing.ServiceUnderTest;
import io.webhookactions.testing.Upstream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The execution history API of SPEC §13 on the running service (history in an H2 file of its own):
 * {@code GET /api/executions} with filters and cursor paging, {@code /api/executions/{id}}, the CSV export, 400s
 * that name the parameter, role {@code viewer}, action patterns.
 */
class HistoryApiTest {

    @TempDir
    static Path dir;

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Upstream upstream;
    private static ServiceUnderTest service;
    private static String viewer;
    private static String admin;
    private static String getOnly;

    @BeforeAll
    static void start() throws Exception {
        upstream = new Upstream()
                .on("/users", (exchange, body) -> Upstream.respond(exchange, 200, "application/json", "{\"name\": \"ada\"}"))
                .on("/missing", Upstream.json(404, "{\"error\": \"no such note\"}"))
                .on("/legacy", Upstream.json(200, "{\"successful\": false, \"errors\": [{\"message\": \"=HYPERLINK(\\\"http://evil\\\", \\\"a, b\\\")\"}]}"));
        Path routes = Files.createDirectory(dir.resolve("routes"));
        Files.writeString(routes.resolve("get_user.webhook.json"), "{\"name\": \"get_user\", \"url\": \"{{upstream}}/users/{user_id}\","
                + " \"response\": {\"2xx\": {\"outputs\": {\"user_name\": \"name\"}}}}");
        Files.writeString(routes.resolve("get_note.webhook.json"), "{\"name\": \"get_note\", \"url\": \"{{upstream}}/missing\"}");
        Files.writeString(routes.resolve("old_check.webhook.json"), "{\"type\": \"legacy\", \"name\": \"old_check\","
                + " \"url\": \"{{upstream}}/legacy\", \"inputs\": [], \"outputs\": []}");
        service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url(""));
        viewer = KeysCommand.run(service, "create", "dashboards", "--role", "viewer");
        admin = KeysCommand.run(service, "create", "ops", "--role", "admin");
        getOnly = KeysCommand.run(service, "create", "reader-bot", "--role", "viewer", "--actions", "get_*");

        post("/api/actions/get_user/test", "{\"user\": {\"user_id\": \"u1\"}}");
        post("/api/actions/get_note/execute", "{}");
        post("/api/pipelines/execute", "{\"actions\": [\"get_user\", \"get_note\"], \"context\": {\"user\": {\"user_id\": \"u2\"}}}");
        post("/api/actions/old_check/test", "{}");
        Eventually.await(Duration.ofSeconds(20), "five executions recorded", () -> items("/api/executions").size() == 5);
    }

    @AfterAll
    static void stop() {
        service.close();
        upstream.close();
    }

    private static HttpResponse<String> post(String path, String json) throws Exception {
        HttpResponse<String> response = service.post(path, json, "Authorization", "Bearer " + admin);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response;
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return service.get(path, "Authorization", "Bearer " + viewer);
    }

    private static JsonNode json(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static List<JsonNode> items(String path) {
        try {
            List<JsonNode> items = new ArrayList<>();
            json(path).get("items").forEach(items::add);
            return items;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theListHoldsTheSummaryFieldsNewestFirstWithSourceAndCaller() throws Exception {
        List<JsonNode> items = items("/api/executions");

        assertThat(items).extracting(item -> item.get("action").asText())
                .containsExactly("old_check", "get_note", "get_user", "get_note", "get_user");
        assertThat(items).extracting(item -> item.get("source").asText())
                .containsExactly("test", "pipeline", "pipeline", "execute", "test");
        assertThat(items).allSatisfy(item -> {
            assertThat(item.fieldNames()).toIterable()
                    .containsExactly("id", "started_at", "action", "source", "caller", "duration_ms", "success", "status_code", "error");
            assertThat(item.get("caller").asText()).isEqualTo("ops");
        });
        List<Instant> times = items.stream().map(item -> Instant.parse(item.get("started_at").asText())).toList();
        assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonNode failed = items.get(1);
        assertThat(failed.get("success").asBoolean()).isFalse();
        assertThat(failed.get("status_code").asInt()).isEqualTo(404);
    }

    @Test
    void nextCursorsWalkThroughEveryRecordOnce() throws Exception {
        JsonNode first = json("/api/executions?limit=2");
        JsonNode second = json("/api/executions?limit=2&before=" + first.get("next").asText());
        JsonNode third = json("/api/executions?limit=2&before=" + second.get("next").asText());

        List<String> ids = new ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        }
        assertThat(first.get("items")).hasSize(2);
        assertThat(third.get("items")).hasSize(1);
        assertThat(third.get("next").isNull()).isTrue();
        assertThat(ids).containsExactlyElementsOf(items("/api/executions").stream().map(item -> item.get("id").asText()).toList());
    }

    @Test
    void filtersNarrowTheList() throws Exception {
        List<JsonNode> all = items("/api/executions");
        String middle = all.get(2).get("started_at").asText();

        assertThat(items("/api/executions?action=get_user")).hasSize(2).allSatisfy(item -> assertThat(item.get("action").asText()).isEqualTo("get_user"));
        assertThat(items("/api/executions?success=false")).extracting(item -> item.get("action").asText())
                .containsExactly("old_check", "get_note", "get_note");
        assertThat(items("/api/executions?source=pipeline")).hasSize(2);
        assertThat(items("/api/executions?source=pipeline&action=get_note&success=false")).hasSize(1);
        assertThat(items("/api/executions?since=" + enc(middle))).extracting(item -> item.get("id").asText())
                .containsExactly(all.get(0).get("id").asText(), all.get(1).get("id").asText(), all.get(2).get("id").asText());
        assertThat(items("/api/executions?until=" + enc(middle))).extracting(item -> item.get("id").asText())
                .containsExactly(all.get(3).get("id").asText(), all.get(4).get("id").asText());
        assertThat(items("/api/executions?until=2000-01-01")).isEmpty();
    }

    @Test
    void oneRecordIsWholeAndAnUnknownIdIs404() throws Exception {
        String id = items("/api/executions?action=get_user&source=test").get(0).get("id").asText();

        JsonNode record = json("/api/executions/" + id);
        HttpResponse<String> unknown = get("/api/executions/00000000-0000-4000-8000-000000000000");
        HttpResponse<String> malformed = get("/api/executions/not-an-id");

        assertThat(record.get("id").asText()).isEqualTo(id);
        assertThat(record.at("/request/url").asText()).isEqualTo(upstream.url("/users/u1"));
        assertThat(record.at("/request/headers").isObject()).isTrue();
        assertThat(record.at("/response/status").asInt()).isEqualTo(200);
        assertThat(record.at("/response/body").asText()).isEqualTo("{\"name\": \"ada\"}");
        assertThat(record.at("/attributes/user/user_name").asText()).isEqualTo("ada");
        assertThat(record.get("truncated").asBoolean()).isFalse();
        for (HttpResponse<String> response : List.of(unknown, malformed)) {
            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(Json.mapper().readTree(response.body()).get("error").asText()).contains("no execution with the id");
        }
    }

    @Test
    void badParametersAre400NamingTheParameter() throws Exception {
        Map<String, String> cases = Map.ofEntries(
                Map.entry("action=Get-User", "action"), Map.entry("success=yes", "success"), Map.entry("source=web", "source"),
                Map.entry("since=yesterday", "since"), Map.entry("until=2026-13-01", "until"),
                Map.entry("since=2026-11-02&until=2026-11-01", "until"), Map.entry("limit=0", "limit"),
                Map.entry("limit=1000001", "limit"), Map.entry("limit=ten", "limit"), Map.entry("before=bm90LWEtY3Vyc29y", "before"),
                Map.entry("befor=x", "befor"), Map.entry("limit=5&limit=6", "limit"));
        for (Map.Entry<String, String> bad : cases.entrySet()) {
            for (String path : List.of("/api/executions?", "/api/executions.csv?")) {
                HttpResponse<String> response = get(path + bad.getKey());

                assertThat(response.statusCode()).as(path + bad.getKey()).isEqualTo(400);
                JsonNode error = Json.mapper().readTree(response.body());
                assertThat(error.get("parameter").asText()).as(bad.getKey()).isEqualTo(bad.getValue());
                assertThat(error.get("error").asText()).as(bad.getKey()).startsWith(bad.getValue() + ": ");
            }
        }
        assertThat(get("/api/executions?limit=501").statusCode()).as("a page holds at most 500").isEqualTo(400);
        assertThat(json("/api/executions?limit=500").get("items")).hasSize(5);
        assertThat(get("/api/executions.csv?limit=501").statusCode()).as("an export may hold more").isEqualTo(200);
    }

    @Test
    void theCsvExportHasAHeaderRowQuotesAsRfc4180AndDefusesFormulas() throws Exception {
        HttpResponse<String> response = get("/api/executions.csv");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("text/csv");
        assertThat(response.headers().firstValue("Content-Disposition")).get().asString().contains("executions.csv");
        String[] lines = response.body().split("\r\n", -1);
        assertThat(lines[0]).isEqualTo("id,started_at,action,source,caller,duration_ms,success,status_code,error");
        assertThat(lines).hasSize(1 + 5 + 1);
        assertThat(lines[6]).isEmpty();
        List<JsonNode> items = items("/api/executions");
        for (int i = 0; i < 5; i++) {
            assertThat(lines[1 + i]).startsWith(items.get(i).get("id").asText() + "," + items.get(i).get("started_at").asText() + ",");
        }
        // The legacy upstream's error message, a formula with quotes and a comma: quoted, quotes doubled, defused.
        assertThat(lines[1]).endsWith(",old_check,test,ops," + items.get(0).get("duration_ms").asText()
                + ",false,200,\"'=HYPERLINK(\"\"http://evil\"\", \"\"a, b\"\")\"");
    }

    @Test
    void theCsvExportTakesTheListsFilters() throws Exception {
        String body = get("/api/executions.csv?action=get_note&success=false").body();
        String limited = get("/api/executions.csv?limit=1").body();

        assertThat(body.split("\r\n")).hasSize(3).allSatisfy(line -> assertThat(line).doesNotContain("get_user"));
        assertThat(limited.split("\r\n")).hasSize(2);
    }

    @Test
    void readingNeedsAViewerKeyAndAKeyLimitedToPatternsSeesOnlyItsActions() throws Exception {
        HttpResponse<String> none = service.get("/api/executions");
        HttpResponse<String> noneCsv = service.get("/api/executions.csv");
        List<JsonNode> limited = new ArrayList<>();
        Json.mapper().readTree(service.get("/api/executions", "Authorization", "Bearer " + getOnly).body()).get("items").forEach(limited::add);
        HttpResponse<String> other = service.get("/api/executions?action=old_check", "Authorization", "Bearer " + getOnly);
        String legacyId = items("/api/executions?action=old_check").get(0).get("id").asText();
        HttpResponse<String> otherRecord = service.get("/api/executions/" + legacyId, "Authorization", "Bearer " + getOnly);

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(noneCsv.statusCode()).isEqualTo(401);
        assertThat(limited).hasSize(4).allSatisfy(item -> assertThat(item.get("action").asText()).startsWith("get_"));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(otherRecord.statusCode()).isEqualTo(404);
    }

    @Test
    void otherMethodsOnTheHistoryAre405WithAllow() throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(service.uri("/api/executions"))
                .DELETE().header("Authorization", "Bearer " + admin).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).contains("GET");
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
