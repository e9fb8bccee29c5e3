package io.webhookactions.kafka;

import io.webhookactions.testing.Upstream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The upstream of the Kafka tests, a real HTTP server on loopback: {@code /INSTANCE/work/ID?key=K&seq=N} counts one
 * execution of request ID by INSTANCE (each instance's {@code {{upstream}}} ends in its own name) and notes the order in
 * which a key's requests arrived; {@code /INSTANCE/tag/ID} is a pipeline's second step; {@code /INSTANCE/big/ID} answers
 * {@value #BIG} characters. All answer at once.
 */
final class CountingUpstream implements AutoCloseable {

    /** Characters of padding in a {@code /INSTANCE/big/ID} answer. */
    static final int BIG = 64 * 1024;

    private final Upstream server;
    private final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byInstance = new ConcurrentHashMap<>();
    private final Map<String, List<Integer>> arrivals = new ConcurrentHashMap<>();

    CountingUpstream() throws IOException {
        server = new Upstream().on("/", (exchange, body) -> {
            String[] path = exchange.getRequestURI().getPath().split("/");
            String instance = path[1];
            String step = path[2];
            String id = path[3];
            if (step.equals("work")) {
                executions.computeIfAbsent(id, any -> new AtomicInteger()).incrementAndGet();
                byInstance.computeIfAbsent(instance, any -> new AtomicInteger()).incrementAndGet();
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                arrivals.computeIfAbsent(query.get("key"), any -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(query.get("seq")));
                Upstream.respond(exchange, 200, "application/json", "{\"done\": \"" + id + "\", \"step\": \"work\"}");
            } else if (step.equals("big")) {
                Upstream.respond(exchange, 200, "application/json", "{\"padding\": \"" + "p".repeat(BIG) + "\"}");
            } else {
                Upstream.respond(exchange, 200, "application/json", "{\"tag\": \"t-" + id + "\", \"step\": \"tag\"}");
            }
        });
    }

    private static Map<String, String> query(String query) {
        Map<String, String> values = new java.util.HashMap<>();
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            values.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return values;
    }

    /** The {@code upstream} property of instance {@code name}. */
    String base(String name) {
        return server.url("/" + name);
    }

    /** How many times request {@code id} was executed, by any instance. */
    int executions(String id) {
        AtomicInteger count = executions.get(id);
        return count == null ? 0 : count.get();
    }

    Map<String, AtomicInteger> executions() {
        return executions;
    }

    /** Executions by instance {@code name}. */
    int executedBy(String name) {
        AtomicInteger count = byInstance.get(name);
        return count == null ? 0 : count.get();
    }

    /** The sequence numbers of key {@code key}'s requests in the order they reached the upstream. */
    List<Integer> arrivals(String key) {
        return arrivals.getOrDefault(key, List.of());
    }

    @Override
    public void close() {
        server.close();
    }
}
