package io.webhookactions.bench;

import io.webhookactions.attribute.SecretSource;
import io.webhookactions.loading.WebhookActionsCamelContext;
import io.webhookactions.runtime.Settings;
import io.webhookactions.runtime.WebhookActions;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * Loading N definition files through the {@code *.webhook.json} routes loader into a fresh Camel context
 * ({@link WebhookActionsCamelContext}, as {@code serve} uses) and starting it: the time it takes and the heap the loaded actions keep.
 */
final class LoadTimeBench {

    /** One measurement. */
    record Measured(int definitions, double seconds, double heapMb) {
    }

    private LoadTimeBench() {
    }

    static Measured measure(int count) throws Exception {
        Path folder = Files.createTempDirectory("bench-routes");
        try {
            List<Resource> resources = new ArrayList<>();
            CamelContext camel = new WebhookActionsCamelContext();
            camel.getRestConfiguration().setInlineRoutes(false); // as serve sets it (camel.rest.inline-routes)
            for (int i = 0; i < count; i++) {
                Path file = folder.resolve("action_" + i + ".webhook.json");
                Files.writeString(file, definition(i));
                resources.add(ResourceHelper.resolveMandatoryResource(camel, "file:" + file));
            }
            long before = usedHeap();
            long start = System.nanoTime();
            WebhookActions.install(camel, Settings.defaults(SecretSource.none()));
            PluginHelper.getRoutesLoader(camel).loadRoutes(resources);
            camel.start();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (camel.getRoutes().size() != count) {
                throw new IllegalStateException("loaded " + camel.getRoutes().size() + " routes of " + count);
            }
            double heap = (usedHeap() - before) / (1024.0 * 1024.0);
            camel.stop();
            return new Measured(count, seconds, heap);
        } finally {
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    /** A realistic definition: templated URL, headers and body, three outputs, a 4xx mapping. */
    private static String definition(int i) {
        return "{\"name\": \"action_" + i + "\", \"description\": \"Generated action " + i + "\", \"method\": \"POST\","
                + " \"url\": \"https://api" + (i % 50) + ".example.com/v1/items/{item_id}?tenant={global.tenant}\","
                + " \"headers\": {\"Accept\": \"application/json\", \"X-Request-Id\": \"{session.request_id}\"},"
                + " \"body\": {\"item\": \"{item_id}\", \"count\": \"{user.count}\", \"note\": \"from {user.name | uppercase}\"},"
                + " \"response\": {\"2xx\": {\"outputs\": {\"item_name\": \"data.name\", \"session.item_price\": \"data.price\","
                + " \"tags\": \"data.tags[*].name\"}}, \"4xx\": {\"action_success\": \"error.retryable == `false`\"}},"
                + " \"timeout_ms\": " + (2000 + (i % 5) * 1000) + "}";
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
