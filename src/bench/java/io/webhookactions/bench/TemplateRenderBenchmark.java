package io.webhookactions.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.definition.RequestTemplate;
import io.webhookactions.definition.WebhookActionDefinition;
import io.webhookactions.template.AttributeScope;
import java.nio.charset.StandardCharsets;
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

    private final ObjectMapper mapper = new ObjectMapper();
    private RequestTemplate request;
    private AttributeScope scope;

    @Setup
    public void setUp() throws Exception {
        WebhookActionDefinition definition = new DefinitionLoader()
                .load(DEFINITION.getBytes(StandardCharsets.UTF_8), "bench", null).orThrow();
        request = RequestTemplate.compile(definition, key -> null);
        scope = AttributeScope.of(Contexts.fromJson(mapper.readTree(CONTEXTS)), AttributeTypes.none(), SecretSource.none());
    }

    /** The measure: URL + 5 headers + the 20-field body tree, everything the request needs but bytes. */
    @Benchmark
    public void renderRequest(Blackhole blackhole) {
        blackhole.consume(request.renderUrl(scope));
        blackhole.consume(request.renderHeaders(scope));
        blackhole.consume(request.renderBody(scope));
    }

    /** The same plus serialising the body to the bytes that are sent. */
    @Benchmark
    public void renderRequestToBytes(Blackhole blackhole) throws Exception {
        blackhole.consume(request.renderUrl(scope));
        blackhole.consume(request.renderHeaders(scope));
        blackhole.consume(mapper.writeValueAsBytes(request.renderBody(scope)));
    }

    @Benchmark
    public String renderUrl() {
        return request.renderUrl(scope);
    }

    @Benchmark
    public Map<String, String> renderHeaders() {
        return request.renderHeaders(scope);
    }

    @Benchmark
    public JsonNode renderBodyTree() {
        return request.renderBody(scope);
    }

    @Benchmark
    public byte[] renderBodyBytes() throws Exception {
        return mapper.writeValueAsBytes(request.renderBody(scope));
    }
}
