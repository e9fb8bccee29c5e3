package io.webhookactions.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.response.ActionResult;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Upstream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Hostile attribute values and responses are handled as SPEC.md says, and nothing crashes. */
class HostileInputTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private Upstream upstream;
    private Engine engine;

    @BeforeEach
    void start() throws Exception {
        upstream = new Upstream().on("/", Upstream.json(200, "{\"ok\": true}"));
        engine = new Engine().property("upstream", upstream.url("")).load("hostile");
    }

    @AfterEach
    void stop() {
        engine.close();
        upstream.close();
    }

    private ActionResult run(String segment, String query, String header, String value) {
        ObjectNode user = JSON.createObjectNode().put("segment", segment).put("query", query).put("header", header).put("value", value);
        ObjectNode contexts = JSON.createObjectNode();
        contexts.set("user", user);
        return engine.actions().execute("hostile", Contexts.fromJson(contexts));
    }

    @Test
    void lineBreaksInAHeaderAttributeAreRefusedBeforeSending() {
        ActionResult result = run("a", "b", "x\r\nX-Admin: true", "v");

        assertThat(result.success()).isFalse();
        assertThat(result.error()).contains("header X-Value");
        assertThat(upstream.requestCount()).isZero();
    }

    @Test
    void pathTraversalAndQueryInjectionStayInsideTheirComponent() throws Exception {
        ActionResult result = run("../../admin?x=1#f", "a&admin=true#", "ok", "v");

        assertThat(result.statusCode()).isEqualTo(200);
        String uri = upstream.last().uri();
        String path = uri.substring(0, uri.indexOf('?'));
        assertThat(path.split("/")).hasSize(3);
        assertThat(URLDecoder.decode(path.substring("/items/".length()), StandardCharsets.UTF_8)).isEqualTo("../../admin?x=1#f");
        String query = uri.substring(uri.indexOf('?') + 1);
        assertThat(query.split("&")).hasSize(2).contains("fixed=1");
        assertThat(URLDecoder.decode(query.split("&")[0].substring(2), StandardCharsets.UTF_8)).isEqualTo("a&admin=true#");
    }

    @Test
    void jsonBreakingStringsStayStrings() throws Exception {
        String breaking = "\", \"admin\": true, \"x\": {\"\\u0000}]\\\\";

        run("a", "b", "ok", breaking);

        JsonNode received = JSON.readTree(upstream.last().body());
        assertThat(received.size()).isEqualTo(3);
        assertThat(received.get("value").asText()).isEqualTo(breaking);
        assertThat(received.get("text").asText()).isEqualTo("say " + breaking);
    }

    @Test
    void valuesUpToTheRenderedLimitAreCarriedAndTenMegabytesAreRefusedBeforeSending() throws Exception {
        String large = "y".repeat(512 * 1024);
        String huge = "z".repeat(10 * 1024 * 1024);

        ActionResult inBody = run("a", "b", "ok", large);
        int sent = upstream.requestCount();
        ActionResult hugeInBody = run("a", "b", "ok", huge);
        ActionResult hugeInUrl = run(huge, "b", "ok", "v");

        assertThat(inBody.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(upstream.last().body()).get("value").asText()).hasSize(large.length());
        for (ActionResult refused : new ActionResult[] {hugeInBody, hugeInUrl}) {
            assertThat(refused.success()).isFalse();
            assertThat(refused.statusCode()).isNull();
            assertThat(refused.error()).contains("longer than webhook.max-rendered-bytes (1048576)").endsWith("the request was not sent");
        }
        assertThat(upstream.requestCount()).as("nothing was sent for the refused values").isEqualTo(sent);
    }

    @Test
    void deeplyNestedResponseDoesNotCrash() {
        upstream.on("/deep", Upstream.json(200, "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)));
        engine.load("deep_object");

        ActionResult result = engine.execute("deep_object");

        assertThat(result.success()).isTrue();
        assertThat(result.attribute(Context.USER, "a")).isNull();
        assertThat(result.attribute(Context.USER, "raw").asText()).hasSize(60_001);
    }

    @Test
    void metadataAddressNeverReceivesARequest() {
        engine.load("metadata");

        ActionResult result = engine.execute("metadata", "{\"global\": {\"host\": \"169.254.169.254\"}}");

        assertThat(result.success()).isFalse();
        assertThat(result.error()).contains("169.254.169.254 is denied");
    }
}
