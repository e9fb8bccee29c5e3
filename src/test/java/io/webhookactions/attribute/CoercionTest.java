package io.webhookactions.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.definition.DefinitionReader;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** SPEC §2: declared types convert values; what cannot be converted is left empty (absent). */
class CoercionTest {

    @ParameterizedTest(name = "{1} as {0} -> {2}")
    @CsvSource(delimiter = '¦', value = {
        "string    ¦ \"abc\"            ¦ \"abc\"",
        "string    ¦ 42                 ¦ \"42\"",
        "string    ¦ 1.50               ¦ \"1.5\"",
        "string    ¦ true               ¦ \"true\"",
        "string    ¦ [1,2]              ¦ \"[1,2]\"",
        "int       ¦ 42                 ¦ 42",
        "int       ¦ \"42\"             ¦ 42",
        "int       ¦ \" 7 \"            ¦ 7",
        "int       ¦ 42.0               ¦ 42",
        "int       ¦ 42.5               ¦ MISSING",
        "int       ¦ \"forty\"          ¦ MISSING",
        "int       ¦ true               ¦ MISSING",
        "float     ¦ \"2.5\"            ¦ 2.5",
        "float     ¦ 3                  ¦ 3",
        "float     ¦ \"x\"              ¦ MISSING",
        "boolean   ¦ true               ¦ true",
        "boolean   ¦ \"YES\"            ¦ true",
        "boolean   ¦ \"no\"             ¦ false",
        "boolean   ¦ \"1\"              ¦ true",
        "boolean   ¦ 0                  ¦ false",
        "boolean   ¦ 1                  ¦ true",
        "boolean   ¦ \"maybe\"          ¦ false",
        "boolean   ¦ 2                  ¦ false",
        "timestamp ¦ 1700000000         ¦ 1700000000",
        "timestamp ¦ \"1700000000\"     ¦ 1700000000",
        "timestamp ¦ \"2023-11-14T22:13:20Z\" ¦ 1700000000",
        "timestamp ¦ \"yesterday\"      ¦ MISSING",
        "collection ¦ [1,2]             ¦ [1,2]",
        "collection ¦ \"[\\\"a\\\"]\"   ¦ [\"a\"]",
        "collection ¦ {\"a\":1}         ¦ MISSING",
        "composite ¦ {\"a\":1}          ¦ {\"a\":1}",
        "composite ¦ \"{\\\"a\\\":1}\"  ¦ {\"a\":1}",
        "composite ¦ [1]                ¦ MISSING",
        "int       ¦ null               ¦ MISSING",
    })
    void coercesToTheDeclaredType(String type, String input, String expected) throws IOException {
        JsonNode value = io.webhookactions.support.Json.mapper().readTree(input);

        JsonNode result = Coercion.coerce(value, AttributeType.ofKey(type).orElseThrow());

        if (expected.equals("MISSING")) {
            assertThat(result.isMissingNode()).as("%s as %s is left empty", input, type).isTrue();
        } else {
            assertThat(result.toString()).isEqualTo(io.webhookactions.support.Json.mapper().readTree(expected).toString());
        }
    }
}
