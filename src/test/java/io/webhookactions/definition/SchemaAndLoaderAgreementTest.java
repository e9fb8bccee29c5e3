package io.webhookactions.definition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The schema editors use and the loader agree: what the loader accepts the schema accepts, and where the
 * schema cannot see a problem (templates, JMESPath, URL shape, targets) the loader says why.
 */
class SchemaAndLoaderAgreementTest {

    private final DefinitionLoader loader = new DefinitionLoader();

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            return files.filter(p -> p.toString().endsWith(DefinitionLoader.EXTENSION)).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void schemaAcceptsEveryShippedExample(Path example) throws IOException {
        JsonNode tree = io.webhookactions.support.Json.mapper().readTree(example.toFile());

        assertThat(DefinitionSchema.webhookAction().validate(tree, example.toString())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "url-ftp-scheme.webhook.json                 | /url                               | absolute http(s) URL",
        "header-name-space.webhook.json              | /headers/X Request                 | not a valid header name",
        "header-secret-outside-auth.webhook.json     | /headers/Authorization             | reads a secret",
        "body-unknown-filter.webhook.json            | /body/name                         | unknown filter",
        "response-success-bad-jmespath.webhook.json  | /response/2xx/action_success       | not a valid JMESPath",
        "response-output-global-target.webhook.json  | /response/2xx/outputs/global.name  | user or session",
        "auth-header-cycle.webhook.json              | /authentication/variables/a        | cycle",
        "retry-backoff-exceeds-timeout.webhook.json  | /retry/backoff_ms                  | no time for a second attempt",
    })
    void definitionTheSchemaAcceptsButSemanticsRejectSaysWhy(String file, String pointer, String reason) throws IOException {
        Path path = Path.of("src/test/resources/invalid", file);
        JsonNode tree = io.webhookactions.support.Json.mapper().readTree(path.toFile());

        List<DefinitionError> schemaErrors = DefinitionSchema.webhookAction().validate(tree, file);
        LoadResult loaded = loader.load(path);

        assertThat(schemaErrors).as("the schema alone cannot see this").isEmpty();
        assertThat(loaded.errors()).singleElement().satisfies(error -> {
            assertThat(error.pointer()).isEqualTo(pointer);
            assertThat(error.reason()).contains(reason);
        });
    }
}
