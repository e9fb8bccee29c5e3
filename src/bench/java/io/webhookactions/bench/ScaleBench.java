package io.webhookactions.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.testing.ServiceUnderTest;
import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * {@code serve} with N definition files, in a JVM of its own (as a user starts it: cold, with the service's own
 * logging): how long until the API answers, and the heap the actions keep. With {@code --details} also, at that size:
 * how long an edited file takes until its new version answers, what the first call of a not yet started action adds,
 * and how long {@code GET /api/actions} and {@code /observe/health} take. Prints one JSON line.
 *
 * <p>{@link #measure} runs it as a child process from the benchmark JVM.
 */
public final class ScaleBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ScaleBench() {
    }

    /** Runs {@code count} in a child JVM with this classpath; its log goes to {@code log}. */
    static JsonNode measure(int count, boolean details, Path log) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx3g", "-Dlogback.configurationFile=io/webhookactions/logback-cli.xml", "-Dsun.net.httpserver.nodelay=true",
                "-cp", System.getProperty("java.class.path"), ScaleBench.class.getName(), String.valueOf(count)));
        if (details) {
            command.add("--details");
        }
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException("scale bench of " + count + " failed (exit " + process.exitValue() + "); see " + log);
        }
        String last = out.lines().filter(line -> line.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("no result from the scale bench of " + count + ": " + out));
        return JSON.readTree(last);
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        boolean details = args.length > 1 && args[1].equals("--details");
        Path dir = Files.createTempDirectory("bench-scale");
        try (BenchUpstream upstream = new BenchUpstream()) {
            Path routes = Files.createDirectory(dir.resolve("routes"));
            for (int i = 0; i < count; i++) {
                Files.writeString(routes.resolve(name(i) + ".webhook.json"), definition(i, "item_name"));
            }
            ObjectNode result = JSON.createObjectNode();
            result.put("definitions", count);
            long heapBefore = usedHeap();
            long cpuBefore = cpuNanos();
            long start = System.nanoTime();
            try (ServiceUnderTest service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url(""))) {
                double seconds = (System.nanoTime() - start) / 1e9;
                result.put("seconds", round(seconds, 3));
                result.put("ms_per_definition", round(seconds * 1000 / count, 3));
                // Both cores' work, whatever else the machine runs meanwhile (other builds share it).
                result.put("cpu_seconds", round((cpuNanos() - cpuBefore) / 1e9, 3));
                result.put("heap_mb", round((usedHeap() - heapBefore) / (1024.0 * 1024.0), 1));
                WebhookActions actions = WebhookActions.in(service.context());
                if (actions.registry().all().size() != count) {
                    throw new IllegalStateException("loaded " + actions.registry().all().size() + " actions of " + count);
                }
                if (details) {
                    details(result, service, actions, routes, count);
                }
            }
            System.out.println(JSON.writeValueAsString(result));
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        System.exit(0);
    }

    private static void details(ObjectNode result, ServiceUnderTest service, WebhookActions actions, Path routes, int count)
            throws Exception {
        // GET /api/actions and /observe/health: every action counts, started or not.
        long[] list = new long[7];
        for (int i = 0; i < list.length; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = service.get("/api/actions");
            list[i] = System.nanoTime() - start;
            if (response.statusCode() != 200 || JSON.readTree(response.body()).size() != count) {
                throw new IllegalStateException("GET /api/actions: " + response.statusCode());
            }
        }
        result.put("list_ms", millis(median(list)));
        long[] health = new long[7];
        for (int i = 0; i < health.length; i++) {
            long start = System.nanoTime();
            HttpResponse<String> response = service.get("/observe/health");
            health[i] = System.nanoTime() - start;
            if (JSON.readTree(response.body()).path("actions").asInt() != count) {
                throw new IllegalStateException("/observe/health: " + response.body());
            }
        }
        result.put("health_ms", millis(median(health)));
        String metrics = service.get("/observe/metrics").body();
        if (!metrics.contains("webhook_actions_loaded " + count + ".0")) {
            throw new IllegalStateException("/observe/metrics does not count " + count + " loaded actions");
        }

        // The first call of an action whose route waits for it, against its second call.
        long[] added = new long[21];
        long[] first = new long[added.length];
        for (int i = 0; i < added.length; i++) {
            String name = name(i * (count / added.length));
            long start = System.nanoTime();
            call(actions, name, "item_name");
            long middle = System.nanoTime();
            call(actions, name, "item_name");
            first[i] = middle - start;
            added[i] = (middle - start) - (System.nanoTime() - middle);
        }
        result.put("first_call_ms", millis(median(first)));
        result.put("first_call_added_ms", millis(median(added)));

        // An edited file: from the write until the new version answers (its output is named differently). Saved as
        // editors and deployment tools save, by renaming a complete file over the old one; and written in place (an
        // empty file first: that transient edit is reported broken until the content arrives).
        long[] reload = new long[7];
        long[] inPlace = new long[5];
        for (int i = 0; i < reload.length + inPlace.length; i++) {
            boolean atomic = i < reload.length;
            int which = i * (count / (reload.length + inPlace.length)) + 1;
            call(actions, name(which), "item_name");
            String marker = "item_name_v" + (i + 2);
            Path file = routes.resolve(name(which) + ".webhook.json");
            long start = System.nanoTime();
            if (atomic) {
                Path temporary = Files.writeString(routes.resolve("." + name(which) + ".tmp"), definition(which, marker));
                Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.writeString(file, definition(which, marker));
            }
            long deadline = start + TimeUnit.SECONDS.toNanos(30);
            while (!answersWith(actions, name(which), marker)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the edit of " + name(which) + " did not answer within 30 s");
                }
                Thread.sleep(1);
            }
            (atomic ? reload : inPlace)[atomic ? i : i - reload.length] = System.nanoTime() - start;
            Thread.sleep(200);
        }
        result.put("reload_ms", millis(median(reload)));
        result.put("reload_ms_max", millis(Arrays.stream(reload).max().orElseThrow()));
        result.put("reload_in_place_ms", millis(median(inPlace)));
    }

    private static void call(WebhookActions actions, String name, String output) {
        if (!answersWith(actions, name, output)) {
            throw new IllegalStateException(name + " did not map " + output);
        }
    }

    private static boolean answersWith(WebhookActions actions, String name, String output) {
        ActionResult result = actions.execute(name, Contexts.empty());
        return result.attribute(Context.USER, output) != null;
    }

    static String name(int i) {
        return "action_" + i;
    }

    /** A realistic definition: templated URL, headers and body, three outputs (one named {@code output}), a 4xx mapping. */
    static String definition(int i, String output) {
        return "{\"name\": \"" + name(i) + "\", \"description\": \"Generated action " + i + "\", \"method\": \"POST\","
                + " \"url\": \"{{upstream}}/users/{item_id}?tenant={global.tenant}&n=" + i + "\","
                + " \"headers\": {\"Accept\": \"application/json\", \"X-Request-Id\": \"{session.request_id}\"},"
                + " \"body\": {\"item\": \"{item_id}\", \"count\": \"{user.count}\", \"note\": \"from {user.name | uppercase}\"},"
                + " \"response\": {\"2xx\": {\"outputs\": {\"" + output + "\": \"data.name\", \"session.item_plan\": \"data.plan.id\","
                + " \"tags\": \"data.tags[" + (i % 10) + "].name\"}}, \"4xx\": {\"action_success\": \"error.retryable == `false`\"}},"
                + " \"timeout_ms\": " + (2000 + (i % 5) * 1000) + "}";
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double millis(long nanos) {
        return round(nanos / 1e6, 2);
    }

    private static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
