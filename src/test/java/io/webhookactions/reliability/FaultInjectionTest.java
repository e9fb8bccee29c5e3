package io.webhookactions.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.response.ActionResult;
import io.webhookactions.host.HostPolicy;
import io.webhookactions.runtime.Settings;
import io.webhookactions.testing.Engine;
import io.webhookactions.testing.Eventually;
import io.webhookactions.testing.FaultyUpstream;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * 20 000 executions at concurrency 64 against an upstream that misbehaves at random. Every execution
 * returns exactly one result, that result belongs to its own request, nothing leaks (connections, threads)
 * and the heap does not grow with the number of executions.
 */
class FaultInjectionTest {

    private static final int EXECUTIONS = 20_000;
    private static final Pattern KNOWN_ERRORS = Pattern.compile(".*(timed out after|connection to .* failed|closed the connection"
            + "|response body is larger than|could not connect).*");

    @Test
    void everyExecutionGetsItsOwnResultUnderRandomFaults() throws Exception {
        Logger executionLog = (Logger) LoggerFactory.getLogger("io.webhookactions.execution");
        Level previous = executionLog.getLevel();
        executionLog.setLevel(Level.WARN);
        int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
        try (FaultyUpstream upstream = new FaultyUpstream(256 * 1024, 1500);
             Engine engine = new Engine(Settings.defaults(SecretSource.none()).withMaxResponseBytes(64 * 1024))) {
            engine.property("upstream", "http://127.0.0.1:" + upstream.port()).load("flaky");
            ExecutorService pool = Executors.newFixedThreadPool(64);
            long heapAtQuarter = 0;
            try {
                List<Future<ActionResult>> futures = new ArrayList<>(EXECUTIONS);
                for (int i = 0; i < EXECUTIONS; i++) {
                    String id = "r" + i;
                    futures.add(pool.submit(() -> engine.execute("flaky", "{\"user\": {\"id\": \"" + id + "\"}}")));
                }
                for (int i = 0; i < EXECUTIONS; i++) {
                    ActionResult result = futures.get(i).get();
                    String id = "r" + i;
                    assertThat(result.action()).as("execution %d has a result", i).isEqualTo("flaky");
                    assertThat(result.request().url()).endsWith("id=" + id);
                    if (result.statusCode() == null) {
                        assertThat(result.error()).as("execution %d", i).matches(KNOWN_ERRORS);
                        assertThat(result.attribute(Context.USER, "flaky_action_success").booleanValue()).isFalse();
                    } else if (result.attribute(Context.USER, "echo") != null) {
                        assertThat(result.attribute(Context.USER, "echo").asText()).as("execution %d answers its own request", i).isEqualTo(id);
                    } else {
                        assertThat(result.response().bodyText()).as("execution %d", i).contains("maintenance " + id);
                    }
                    if (i == EXECUTIONS / 4) {
                        heapAtQuarter = usedHeapAfterGc();
                    }
                }
            } finally {
                pool.shutdownNow();
            }
            long heapAtEnd = usedHeapAfterGc();
            assertThat(heapAtEnd - heapAtQuarter).as("heap growth over 15 000 executions, bytes").isLessThan(64L * 1024 * 1024);
            for (FaultyUpstream.Fault fault : FaultyUpstream.Fault.values()) {
                assertThat(upstream.count(fault)).as("the upstream injected %s", fault).isPositive();
            }
            Eventually.await(Duration.ofSeconds(10), "no connection stays leased", () -> engine.actions().poolStats()[1] == 0);
        } finally {
            executionLog.setLevel(previous);
        }
        Eventually.await(Duration.ofSeconds(15), "threads return to their number before the run", () ->
                ManagementFactory.getThreadMXBean().getThreadCount() <= threadsBefore + 8);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
