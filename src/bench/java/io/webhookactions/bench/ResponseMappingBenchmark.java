package io.webhookactions.bench;

import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.response.ResponseMapping;
import io.webhookactions.call.UpstreamResponse;
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

/** Mapping a 1 KiB JSON response: parse, success rule, 3 JMESPath outputs, raw response, the defaults. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ResponseMappingBenchmark {

    private ResponseMapping mapping;
    private UpstreamResponse response;

    @Setup
    public void setUp() {
        String definition = "{\"name\": \"bench_map\", \"url\": \"https://api.example.com/users/{id}\", \"response\": {\"2xx\": {"
                + "\"action_success\": \"data.active == `true`\", \"outputs\": {\"user_name\": \"data.name\", \"session.plan\": \"data.plan.id\","
                + " \"tags\": \"data.tags[*].name\"}, \"raw_response\": \"raw\"}}}";
        mapping = ResponseMapping.of(new DefinitionLoader().load(definition.getBytes(StandardCharsets.UTF_8), "bench", null).orThrow(),
                AttributeTypes.none());
        String body = "{\"data\": {\"name\": \"Ada Lovelace\", \"active\": true, \"plan\": {\"id\": \"pro\"}, \"tags\": [{\"name\": \"a\"},"
                + " {\"name\": \"b\"}]}, \"padding\": \"" + "p".repeat(880) + "\"}";
        response = new UpstreamResponse(200, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    @Benchmark
    public ResponseMapping.Mapped map1KiBResponse() {
        return mapping.map(response);
    }
}
