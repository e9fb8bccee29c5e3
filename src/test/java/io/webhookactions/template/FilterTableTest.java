package io.webhookactions.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.DefinitionReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every filter of SPEC §3, table-driven from {@code templates/filters.tsv}: template, the user context,
 * and the plain-text rendering a user must see (edge cases included: empty and missing input, unicode,
 * negative ranges, wrong types).
 */
class FilterTableTest {

    private static final Path TABLE = Path.of("src/test/resources/templates/filters.tsv");

    static Stream<Arguments> table() throws IOException {
        return Files.readAllLines(TABLE, StandardCharsets.UTF_8).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t", -1))
                .map(columns -> Arguments.of(columns[0], columns[1], columns[2]));
    }

    @ParameterizedTest(name = "{0} with {1} -> {2}")
    @MethodSource("table")
    void rendersAsTheTableSays(String template, String user, String expected) throws IOException {
        JsonNode contexts = io.webhookactions.support.Json.mapper().readTree("{\"user\": " + user + "}");
        Scope scope = AttributeScope.of(Contexts.fromJson(contexts), AttributeTypes.none(), SecretSource.none());

        assertThat(Template.parse(template).render(scope)).isEqualTo(expected);
    }

    @Test
    void everyFilterAppearsInTheTable() throws IOException {
        List<String> templates = table().map(arguments -> (String) arguments.get()[0]).toList();

        for (String filter : Filters.names()) {
            assertThat(templates).as("filter %s is tested", filter)
                    .anySatisfy(template -> assertThat(template).containsPattern("\\|\\s*" + filter + "\\b"));
        }
    }
}
