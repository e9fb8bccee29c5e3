package io.webhookactions.bench;

import io.webhookactions.attribute.Contexts;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.testing.ServiceUnderTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Temporary probe: first call vs second call on many actions at N definitions. */
public final class FirstCallProbe {
    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("probe");
        try (BenchUpstream upstream = new BenchUpstream()) {
            Path routes = Files.createDirectory(dir.resolve("routes"));
            for (int i = 0; i < count; i++) {
                Files.writeString(routes.resolve(ScaleBench.name(i) + ".webhook.json"), ScaleBench.definition(i, "item_name"));
            }
            try (ServiceUnderTest service = ServiceUnderTest.start(dir, routes, "upstream=" + upstream.url(""))) {
                WebhookActions actions = WebhookActions.in(service.context());
                jdk.jfr.Recording rec = null;
                if (System.getProperty("probe.jfr") != null) {
                    rec = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                    rec.start();
                }
                if (System.getProperty("probe.path") != null) {
                    long[] times = new long[calls];
                    for (int i = 0; i < calls; i++) {
                        long a = System.nanoTime();
                        int size = service.get(System.getProperty("probe.path")).body().length();
                        times[i] = System.nanoTime() - a;
                        if (i == 0) System.out.println("size " + size);
                    }
                    if (rec != null) { rec.stop(); rec.dump(Path.of(System.getProperty("probe.jfr"))); }
                    Arrays.sort(times);
                    System.out.printf("%s p50 %.2f ms p90 %.2f%n", System.getProperty("probe.path"), times[calls / 2] / 1e6, times[calls * 9 / 10] / 1e6);
                    System.exit(0);
                }
                long[] first = new long[calls];
                long[] second = new long[calls];
                for (int i = 0; i < calls; i++) {
                    String name = ScaleBench.name((i * 7919) % count);
                    long a = System.nanoTime();
                    actions.execute(name, Contexts.empty());
                    long b = System.nanoTime();
                    actions.execute(name, Contexts.empty());
                    long c = System.nanoTime();
                    first[i] = b - a;
                    second[i] = c - b;
                }
                if (rec != null) {
                    rec.stop();
                    rec.dump(Path.of(System.getProperty("probe.jfr")));
                }
                Arrays.sort(first);
                Arrays.sort(second);
                System.out.printf("first p50 %.2f ms p90 %.2f; second p50 %.2f ms%n", first[calls / 2] / 1e6, first[calls * 9 / 10] / 1e6, second[calls / 2] / 1e6);
                // last half (warmed)
                System.out.printf("RESULT %d calls%n", calls);
            }
        }
        System.exit(0);
    }
}
