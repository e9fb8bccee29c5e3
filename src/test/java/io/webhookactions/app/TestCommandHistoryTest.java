package io.webhookactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.history.ExecutionHistory;
import io.webhookactions.history.HistoryQuery;
import io.webhookactions.history.HistoryRecord;
import io.webhookactions.history.HistorySettings;
import io.webhookactions.testing.HistoryHolderProcess;
import io.webhookactions.testing.Upstream;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line's {@code test} records its run in the execution history (SPEC §13, source {@code cli}); when
 * another process (a running {@code serve}) holds the embedded H2 file, the command still succeeds and says the run
 * was not recorded.
 */
class TestCommandHistoryTest {

    @TempDir
    static Path dir;

    private static Upstream upstream;
    private static Path definition;

    @BeforeAll
    static void start() throws Exception {
        upstream = new Upstream().on("/users", Upstream.json(200, "{\"name\": \"ada\"}"));
        definition = Files.createDirectory(dir.resolve("routes")).resolve("get_user.webhook.json");
        Files.writeString(definition, "{\"name\": \"get_user\", \"url\": \"" + upstream.url("/users/{user_id}") + "\","
                + " \"response\": {\"2xx\": {\"outputs\": {\"user_name\": \"name\"}}}}");
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    private record Run(int exit, String out, String err) {
    }

    private static Run test(Path config, String... more) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = WebhookActionsCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        List<String> args = new java.util.ArrayList<>(List.of("test", definition.toString(), "--config", config.toString()));
        args.addAll(List.of(more));
        return new Run(cli.execute(args.toArray(String[]::new)), out.toString(), err.toString());
    }

    private static Path config(String name, String history) throws Exception {
        Path config = dir.resolve(name + ".properties");
        Files.writeString(config, "webhook.attributes-file=" + dir.resolve("none.json") + "\nwebhook.secrets-file=" + dir.resolve("secrets.json")
                + "\nwebhook.master-key-file=" + dir.resolve("master.key") + "\n" + history + "\n");
        return config;
    }

    private static List<HistoryRecord> recorded(String url) throws Exception {
        try (ExecutionHistory history = ExecutionHistory.open(HistorySettings.defaults(url), Duration.ofHours(1), Clock.systemUTC())) {
            return history.store().list(HistoryQuery.newest(10)).items();
        }
    }

    @Test
    void aTestRunIsRecordedWithSourceCli() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("cli-history");
        Path config = config("cli", "webhook.history.url=" + url);

        Run run = test(config, "--set", "user.user_id=7");

        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("get_user").contains("user.user_name = ada");
        assertThat(run.err()).doesNotContain("not recorded");
        assertThat(recorded(url)).singleElement().satisfies(record -> {
            assertThat(record.action()).isEqualTo("get_user");
            assertThat(record.source()).isEqualTo("cli");
            assertThat(record.caller()).isEqualTo("local");
            assertThat(record.statusCode()).isEqualTo(200);
        });
    }

    @Test
    void historyOffRecordsNothing() throws Exception {
        Path config = config("off", "webhook.history.url=jdbc:h2:file:" + dir.resolve("off-history") + "\nwebhook.history.enabled=false");

        Run run = test(config, "--set", "user.user_id=7");

        assertThat(run.exit()).isZero();
        assertThat(Files.exists(dir.resolve("off-history.mv.db"))).isFalse();
    }

    @Test
    void whileAnotherProcessHoldsTheH2FileTheTestCommandSucceedsAndSaysItWasNotRecorded() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("shared-history");
        Path config = config("shared", "webhook.history.url=" + url);
        // Holds the file as a running serve does (its own process: within one JVM, H2 shares an open file).
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), HistoryHolderProcess.class.getName(), url).redirectErrorStream(true).start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder output = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null && !line.equals("holding")) {
                output.append(line).append('\n');
            }
            assertThat(line).as("the holder opened the file:\n" + output).isNotNull();

            Run run = test(config, "--set", "user.user_id=8");

            assertThat(run.exit()).as(run.err()).isZero();
            assertThat(run.out()).contains("user.user_name = ada");
            assertThat(run.err()).contains("note: the history file is in use by a running service").contains("not recorded");
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(recorded(url)).isEmpty();
        Run after = test(config, "--set", "user.user_id=9");
        assertThat(after.err()).doesNotContain("not recorded");
        assertThat(recorded(url)).singleElement().satisfies(record -> assertThat(record.source()).isEqualTo("cli"));
    }
}
