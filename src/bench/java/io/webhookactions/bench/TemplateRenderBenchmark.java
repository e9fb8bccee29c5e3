package io.webhookactions.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.definition.RequestPlan;
import io.webhookactions.support.Json;
import io.webhookactions.template.AttributeScope;
import io.webhookactions.template.HeaderTemplate;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Rendering the request of one execution: a URL with 3 references, 5 headers and a 20-field JSON body
 * (serialised to the bytes that would be sent). Everything was parsed and compiled in {@link #setUp}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TemplateRenderBenchmark {

    static final String DEFINITION = """
            {
              "name": "bench_render",
              "method": "POST",
              "url": "https://api.example.com/api/{global.api_version | lowercase}/users/{user_id}?fields={user.fields}",
              "headers": {
                "Accept": "application/json",
                "X-Request-Id": "{session.request_id}",
                "X-User": "{user_id}",
                "X-Tenant": "{global.tenant | uppercase}",
                "X-Locale": "{user.locale | default en}"
              },
              "body": {
                "id": "{user_id}", "first": "{first_name}", "last": "{last_name}", "age": "{age}",
                "email": "{email | lowercase}", "subscribed": "{subscribed}", "tags": "{tags}",
                "address": "{address}", "city": "{address.city}", "greeting": "Hello {first_name} {last_name}!",
                "plan": "{session.plan}", "cart": "{session.cart_total}", "channel": "chat", "version": 2,
                "locale": "{locale | default en}", "score": "{score}", "country": "{address.country | uppercase}",
                "note": "order {order_id} for {email}", "request": "{session.request_id}", "api": "{global.api_version}"
              }
            }
            """;

    static final String CONTEXTS = """
            {"user": {"user_id": "u-42", "fields": "profile,plan", "first_name": "Ada", "last_name": "Lovelace",
                      "age": 36, "email": "Ada@Example.com", "subscribed": true, "tags": ["vip", "beta"],
                      "address": {"city": "London", "country": "gb"}, "score": 9.5, "order_id": 1001},
             "session": {"request_id": "req-1", "plan": "pro", "cart_total": 12.5},
             "global": {"api_version": "V2", "tenant": "acme"}}
            """;

    private RequestPlan request;
    private AttributeScope scope;

    @Setup
    public void setUp() throws Exception {
        request = new DefinitionLoader().load(DEFINITION.getBytes(StandardCharsets.UTF_8), "bench", null).orThrow().request();
        scope = AttributeScope.of(Contexts.fromJson(Json.mapper().readTree(CONTEXTS)), AttributeTypes.none(), SecretSource.none());
    }

    private String url() {
        return request.url().render(scope);
    }

    private Map<String, String> headers() {
        Map<String, String> values = new LinkedHashMap<>();
        for (HeaderTemplate header : request.headers()) {
            values.put(header.name(), header.render(scope));
        }
        return values;
    }

    private JsonNode body() {
        return request.body().render(scope);
    }

    /** The measure: URL + 5 headers + the 20-field body tree, everything the request needs but bytes. */
    @Benchmark
    public void renderRequest(Blackhole blackhole) {
        blackhole.consume(url());
        blackhole.consume(headers());
        blackhole.consume(body());
    }

    /** The same plus serialising the body to the bytes that are sent. */
    @Benchmark
    public void renderRequestToBytes(Blackhole blackhole) throws Exception {
        blackhole.consume(url());
        blackhole.consume(headers());
        blackhole.consume(Json.mapper().writeValueAsBytes(body()));
    }

    @Benchmark
    public String renderUrl() {
        return url();
    }

    @Benchmark
    public Map<String, String> renderHeaders() {
        return headers();
    }

    @Benchmark
    public JsonNode renderBodyTree() {
        return body();
    }

    @Benchmark
    public byte[] renderBodyBytes() throws Exception {
        return Json.mapper().writeValueAsBytes(body());
    }
}
