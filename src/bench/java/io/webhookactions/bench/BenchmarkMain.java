package io.webhookactions.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks of the {@code bench} profile and writes {@code results.json} into the folder given
 * as the first argument. Every figure is measured in this run on this machine.
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "target/bench");
        Files.createDirectories(out);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode results = mapper.createObjectNode();
        results.put("date", Instant.now().toString());
        results.put("machine", machine());

        Options options = new OptionsBuilder()
                .include(TemplateRenderBenchmark.class.getSimpleName())
                .result(out.resolve("jmh.json").toString())
                .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
                .build();
        Collection<RunResult> runs = new Runner(options).run();
        ObjectNode jmh = results.putObject("jmh");
        for (RunResult run : runs) {
            String name = run.getParams().getBenchmark();
            jmh.put(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), run.getPrimaryResult().getScore());
        }
        mapper.writeValue(out.resolve("results.json").toFile(), results);
        System.out.println(mapper.writeValueAsString(results));
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
