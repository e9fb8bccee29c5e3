package io.webhookactions.definition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.webhookactions.attribute.AttributeType;
import io.webhookactions.attribute.Context;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttributeTypesLoaderTest {

    @TempDir
    Path dir;

    @Test
    void shippedAttributeTypesLoad() {
        AttributeTypesLoader.Result result = AttributeTypesLoader.load(Path.of("config/attributes.json"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.types().typeOf(Context.USER, "age")).contains(AttributeType.INT);
        assertThat(result.types().typeOf(Context.SESSION, "plan")).contains(AttributeType.STRING);
        assertThat(result.types().typeOf(Context.USER, "plan")).isEmpty();
    }

    @Test
    void contextQualifiedDeclarationWinsOverTheBareOne() throws IOException {
        Path file = dir.resolve("attributes.json");
        Files.writeString(file, "{\"count\": \"string\", \"session.count\": \"int\"}");

        AttributeTypesLoader.Result result = AttributeTypesLoader.load(file);

        assertThat(result.types().coerce(Context.SESSION, "count", TextNode.valueOf("7"))).isEqualTo(LongNode.valueOf(7));
        assertThat(result.types().coerce(Context.USER, "count", IntNode.valueOf(7))).isEqualTo(TextNode.valueOf("7"));
    }

    @Test
    void unknownTypeAndBadNameAreReportedWithPointers() throws IOException {
        Path file = dir.resolve("attributes.json");
        Files.writeString(file, "{\"age\": \"integer\", \"global x\": \"string\", \"secret.k\": \"string\"}");

        AttributeTypesLoader.Result result = AttributeTypesLoader.load(file);

        assertThat(result.errors()).extracting(DefinitionError::pointer)
                .containsExactlyInAnyOrder("/age", "/global x", "/secret.k");
        assertThat(result.errors()).filteredOn(error -> error.pointer().equals("/age"))
                .singleElement().extracting(DefinitionError::reason).asString().contains("string, int, float");
    }

    @Test
    void missingFileMeansNoDeclarations() {
        AttributeTypesLoader.Result result = AttributeTypesLoader.load(dir.resolve("absent.json"));

        assertThat(result.ok()).isTrue();
        assertThat(result.types().size()).isZero();
    }
}
