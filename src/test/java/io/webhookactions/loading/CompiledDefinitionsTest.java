package io.webhookactions.loading;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.definition.ActionPlan;
import io.webhookactions.definition.DefinitionLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans handed from {@code serve}'s check to the routes loader: taken once, and only for the bytes they came from. */
class CompiledDefinitionsTest {

    @TempDir
    Path routes;

    private static final String GREET = "{\"name\": \"greet\", \"url\": \"https://api.example.com/greet\"}";

    @Test
    void aPlanIsTakenOnceForTheExactBytesItWasCompiledFrom() throws Exception {
        Path file = Files.writeString(routes.resolve("greet.webhook.json"), GREET);
        DefinitionLoader.Catalog catalog = new DefinitionLoader().loadAll(List.of(routes));
        CompiledDefinitions compiled = CompiledDefinitions.of(catalog);

        ActionPlan taken = compiled.take(file.toAbsolutePath(), GREET.getBytes(StandardCharsets.UTF_8));

        assertThat(taken).isSameAs(catalog.plans().get(0));
        assertThat(compiled.take(file, GREET.getBytes(StandardCharsets.UTF_8))).as("taken once").isNull();
    }

    @Test
    void aFileEditedSinceIsCompiledAgain() throws Exception {
        Path file = Files.writeString(routes.resolve("greet.webhook.json"), GREET);
        CompiledDefinitions compiled = CompiledDefinitions.of(new DefinitionLoader().loadAll(List.of(routes)));

        assertThat(compiled.take(file, GREET.replace("greet\"", "greet2\"").getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
