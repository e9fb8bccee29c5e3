package io.webhookactions.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code validate} as a user runs it: exit codes, one line per error, no stack traces. Each test writes its
 * one-line definitions (broken on purpose, down to a lone "{") into the folder it validates: they are the input
 * under test and read best beside the lines expected for them.
 */
class ValidateCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = WebhookActionsCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void shippedRoutesValidateWithASummary() {
        int exit = run("validate", "routes");

        assertThat(exit).isZero();
        assertThat(out.toString().lines().toList()).last().asString().startsWith("OK: 5 definitions valid (routes)");
    }

    @Test
    void brokenFolderPrintsOneLinePerErrorWithFileAndPointer() throws IOException {
        Files.writeString(dir.resolve("a.webhook.json"), "{\"name\": \"Bad\", \"url\": \"ftp://x/\"}");
        Files.writeString(dir.resolve("b.webhook.json"), "{\"name\": \"ok\", \"url\": \"https://x.example.com\", \"timeout_ms\": -1}");
        Files.writeString(dir.resolve("c.webhook.json"), "{");

        int exit = run("validate", dir.toString());

        assertThat(exit).isEqualTo(1);
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).contains(
                dir.resolve("a.webhook.json") + ": /name: must start with a lower-case letter and contain only a-z, 0-9 and _ (e.g. \"get_user\")",
                dir.resolve("b.webhook.json") + ": /timeout_ms: must be at least 1 millisecond");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(dir.resolve("a.webhook.json") + ": /url: "));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(dir.resolve("c.webhook.json") + ": /: JSON syntax error at line 1"));
        assertThat(lines.get(lines.size() - 1)).isEqualTo("4 errors in 3 files; 0 of 3 definitions valid");
        assertThat(out.toString() + err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void anUndefinedPropertyNamesTheServicesConfigurationFileAndTheEnvironment() throws IOException {
        Files.writeString(dir.resolve("a.webhook.json"), "{\"name\": \"a\", \"url\": \"{{nowhere.base-url}}/x\"}");

        int exit = run("validate", "--config", dir.resolve("none.properties").toString(), dir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains(dir.resolve("a.webhook.json") + ": /url: property placeholder {{nowhere.base-url}} is not"
                + " defined; set nowhere.base-url in config/application.properties or the environment");
    }

    @Test
    void aPropertyFromTheEnvironmentOverridesTheFileAsInCamel() throws IOException {
        Path config = dir.resolve("app.properties");
        Files.writeString(config, "api.base-url=https://file.example.com\n");
        Files.writeString(dir.resolve("a.webhook.json"), "{\"name\": \"a\", \"url\": \"{{api.base-url}}/x\"}");
        System.setProperty("api.base-url", "not a url");
        try {
            int exit = run("validate", "--config", config.toString(), dir.toString());

            assertThat(exit).as("the system property wins over the file, and its value is not a URL").isEqualTo(1);
            assertThat(out.toString().lines()).first().isEqualTo(dir.resolve("a.webhook.json")
                    + ": /url: must be an absolute http(s) URL, found no scheme; start it with https:// or http://");
        } finally {
            System.clearProperty("api.base-url");
        }
    }

    @Test
    void folderWithoutDefinitionsIsAnError() {
        int exit = run("validate", dir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains(dir + ": /: folder holds no *.webhook.json definitions");
    }

    @Test
    void singleFilesCanBeNamed() {
        int exit = run("validate", "routes/get_user.webhook.json", "routes/create_ticket.webhook.json");

        assertThat(exit).isZero();
        assertThat(out.toString().lines().toList()).last().asString().startsWith("OK: 2 definitions valid");
    }

    @Test
    void duplicateNamesAcrossFilesAreReported() throws IOException {
        String definition = "{\"name\": \"same\", \"url\": \"https://api.example.com/\"}";
        Files.writeString(dir.resolve("one.webhook.json"), definition);
        Files.writeString(dir.resolve("two.webhook.json"), definition);

        int exit = run("validate", dir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).contains(dir.resolve("two.webhook.json") + ": /name: action name \"same\" is already used by "
                + dir.resolve("one.webhook.json"));
    }
}
