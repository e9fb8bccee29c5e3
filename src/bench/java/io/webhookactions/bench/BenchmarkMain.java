package io.webhookactions.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The {@code bench} profile: every figure measured in this run, on this machine, side by side against
 * raw HttpClient 5 and a hand-written camel-http route on the same loopback upstream. Writes
 * {@code results.json} into the folder given as the first argument and prints a table.
 */
public final class BenchmarkMain {

    private static final int CONCURRENCY = 16;
    private static final long WARMUP_MS = Long.getLong("bench.warmup-ms", 4000);
    private static final long MEASURE_MS = Long.getLong("bench.measure-ms", 10000);
    private static final int ROUNDS = 5;
    /** Which parts to run (comma-separated: throughput, tokens, load, jmh, kafka); all but kafka by default. */
    private static final String PARTS = System.getProperty("bench.parts", "throughput,tokens,load,jmh");

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode results = mapper.createObjectNode();
        results.put("date", Instant.now().toString());
        results.put("machine", machine());

        if (PARTS.contains("throughput")) {
            throughputAndLatency(results);
        }
        if (PARTS.contains("tokens")) {
            results.put("oauth_token_requests", tokenRequests());
        }
        if (PARTS.contains("load")) {
            load(results);
        }
        if (PARTS.contains("jmh")) {
            jmh(results, out);
        }
        if (PARTS.contains("kafka")) {
            results.set("kafka", KafkaBench.run());
        }
        mapper.writeValue(out.resolve("results.json").toFile(), results);
        System.out.println(mapper.writeValueAsString(results));
    }

    private static void throughputAndLatency(ObjectNode results) throws Exception {
        try (BenchUpstream upstream = new BenchUpstream();
             RouteScenarios route = new RouteScenarios(upstream);
             RawScenarios raw = new RawScenarios(upstream);
             CamelHttpScenarios camel = new CamelHttpScenarios(upstream)) {
            ObjectNode throughput = results.putObject("throughput");
            compare(throughput.putObject("get"), "get", route::get, raw::get, camel::get);
            compare(throughput.putObject("post_hmac"), "post_hmac", route::postHmac, raw::postHmac, camel::postHmac);
            compare(throughput.putObject("oauth"), "oauth", route::oauth, raw::oauth, camel::oauth);

            long[][] latencies = Load.pairedLatenciesMicros(route::get, raw::get, 2000, 5000);
            long[] routeLatency = latencies[0];
            long[] rawLatency = latencies[1];
            ObjectNode latency = results.putObject("latency_added_us");
            latency.put("p50", Load.percentile(routeLatency, 50) - Load.percentile(rawLatency, 50));
            latency.put("p99", Load.percentile(routeLatency, 99) - Load.percentile(rawLatency, 99));
            System.out.printf("latency at concurrency 1: route p50 %d us p99 %d us; raw p50 %d us p99 %d us%n",
                    Load.percentile(routeLatency, 50), Load.percentile(routeLatency, 99),
                    Load.percentile(rawLatency, 50), Load.percentile(rawLatency, 99));
        }
    }

    private static void load(ObjectNode results) throws Exception {
        ArrayNode load = results.putArray("load");
        for (int count : new int[] {1, 100, 1000, 10_000}) {
            LoadTimeBench.Measured measured = LoadTimeBench.measure(count);
            ObjectNode row = load.addObject();
            row.put("definitions", measured.definitions());
            row.put("seconds", Math.round(measured.seconds() * 1000) / 1000.0);
            row.put("heap_mb", Math.round(measured.heapMb() * 10) / 10.0);
            System.out.printf("load %6d definitions: %.2f s, %.1f MiB retained%n", count, measured.seconds(), measured.heapMb());
        }
    }

    private static void jmh(ObjectNode results, Path out) throws Exception {
        Collection<RunResult> runs = new Runner(new OptionsBuilder()
                .include(TemplateRenderBenchmark.class.getSimpleName())
                .include(ResponseMappingBenchmark.class.getSimpleName())
                .result(out.resolve("jmh.json").toString())
                .resultFormat(ResultFormatType.JSON)
                .build()).run();
        ObjectNode jmh = results.putObject("jmh");
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            jmh.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1),
                    Math.round(run.getPrimaryResult().getScore() * 10) / 10.0);
        }
    }

    /**
     * The three implementations measured in turns: each warmed up, then {@value #ROUNDS} rounds in which
     * each runs for a share of the measuring time, in rotating order. A slow spell of this shared VM then
     * touches all three alike instead of whichever happened to run during it.
     */
    private static void compare(ObjectNode row, String name, Load.Call route, Load.Call raw, Load.Call camel) throws Exception {
        Load.Call[] calls = {route, raw, camel};
        for (Load.Call call : calls) {
            Load.throughput(call, CONCURRENCY, 0, WARMUP_MS);
        }
        double[] totals = new double[calls.length];
        long slice = MEASURE_MS / ROUNDS;
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < calls.length; i++) {
                int which = (round + i) % calls.length;
                totals[which] += Load.throughput(calls[which], CONCURRENCY, 0, slice);
            }
        }
        double r = totals[0] / ROUNDS;
        double w = totals[1] / ROUNDS;
        double c = totals[2] / ROUNDS;
        row.put("route", Math.round(r));
        row.put("raw", Math.round(w));
        row.put("camel_http", Math.round(c));
        row.put("ratio_raw", Math.round(r / w * 1000) / 1000.0);
        row.put("ratio_camel_http", Math.round(r / c * 1000) / 1000.0);
        System.out.printf("%-10s route %8.0f/s  raw %8.0f/s  camel-http %8.0f/s  route/raw %.3f  route/camel-http %.3f%n",
                name, r, w, c, r / w, r / c);
    }

    /** 10 000 OAuth2 executions at concurrency 64 on a cold token cache: how many token requests. */
    private static int tokenRequests() throws Exception {
        try (BenchUpstream upstream = new BenchUpstream(); RouteScenarios route = new RouteScenarios(upstream)) {
            ExecutorService pool = Executors.newFixedThreadPool(64);
            try {
                List<Future<?>> calls = new ArrayList<>();
                for (int i = 0; i < 10_000; i++) {
                    int sequence = i;
                    calls.add(pool.submit(() -> {
                        route.oauth(sequence);
                        return null;
                    }));
                }
                for (Future<?> call : calls) {
                    call.get();
                }
            } finally {
                pool.shutdownNow();
            }
            System.out.println("token requests for 10 000 OAuth2 executions at concurrency 64: " + upstream.tokenRequests.get());
            return upstream.tokenRequests.get();
        }
    }

    static String machine() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown";
        }
        return Runtime.getRuntime().availableProcessors() + " cores, " + (Runtime.getRuntime().maxMemory() >> 20)
                + " MiB max heap, " + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", Java "
                + System.getProperty("java.version") + ", host " + host;
    }
}
