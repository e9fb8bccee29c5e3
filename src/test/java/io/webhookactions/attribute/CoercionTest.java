package io.webhookactions.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.definition.DefinitionReader;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
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

    /** Found by the API attack pass: BigDecimal reads a text of n digits in time growing with n squared (15 s for 900 000). */
    @Test
    void aNumberTextLongerThanAJsonNumberMayBeIsNotANumberAndCostsNoTime() {
        TextNode digits = TextNode.valueOf("7".repeat(900_000));
        for (AttributeType type : new AttributeType[] {AttributeType.INT, AttributeType.FLOAT, AttributeType.TIMESTAMP}) {
            JsonNode result = Assertions.assertTimeoutPreemptively(Duration.ofSeconds(3), () -> Coercion.coerce(digits, type),
                    type + " of 900 000 digits");
            assertThat(result.isMissingNode()).as(type.toString()).isTrue();
        }
        assertThat(Coercion.coerce(TextNode.valueOf("7".repeat(1000)), AttributeType.FLOAT).isNumber())
                .as("a number as long as the JSON reader takes is still one").isTrue();
    }

    /** A float whose plain form has billions of digits would be written out in full by rendering (1e-999999999: 12 s, 1 GB). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"1e999999999", "1e-999999999", "0e999999999", "-1e10000"})
    void aFloatBeyondWhatCanBeWrittenOutIsLeftEmpty(String text) {
        assertThat(Coercion.coerce(TextNode.valueOf(text), AttributeType.FLOAT).isMissingNode()).as("text " + text).isTrue();
        assertThat(Coercion.coerce(DecimalNode.valueOf(new BigDecimal(text)), AttributeType.FLOAT).isMissingNode()).as("number " + text).isTrue();
        assertThat(Coercion.coerce(TextNode.valueOf("1e9999"), AttributeType.FLOAT).isNumber()).isTrue();
        assertThat(Coercion.coerce(TextNode.valueOf("-1e-9999"), AttributeType.FLOAT).isNumber()).isTrue();
    }

    /** Contexts nest at most 64 levels; a collection or composite read from text must not bring 999 (the answer then fails to write). */
    @Test
    void aCollectionOrCompositeReadFromTextNestsNoDeeperThanContextValuesMay() {
        String deepArray = "[".repeat(Contexts.MAX_DEPTH + 1) + "]".repeat(Contexts.MAX_DEPTH + 1);
        String deepObject = "{\"a\":".repeat(Contexts.MAX_DEPTH + 1) + "1" + "}".repeat(Contexts.MAX_DEPTH + 1);
        assertThat(Coercion.coerce(TextNode.valueOf(deepArray), AttributeType.COLLECTION).isMissingNode()).isTrue();
        assertThat(Coercion.coerce(TextNode.valueOf(deepObject), AttributeType.COMPOSITE).isMissingNode()).isTrue();
        String fits = "[".repeat(Contexts.MAX_DEPTH) + "]".repeat(Contexts.MAX_DEPTH);
        assertThat(Coercion.coerce(TextNode.valueOf(fits), AttributeType.COLLECTION).isArray()).isTrue();
    }

    /** Only Java code (a host's map of contexts) can hand over NaN or an infinity; each type takes it as no number. */
    @Test
    void notANumberAndTheInfinitiesAreNoNumbersForAnyType() {
        for (double odd : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            JsonNode value = com.fasterxml.jackson.databind.node.DoubleNode.valueOf(odd);
            assertThat(Coercion.coerce(value, AttributeType.INT).isMissingNode()).as("int of %s", odd).isTrue();
            assertThat(Coercion.coerce(value, AttributeType.FLOAT).isMissingNode()).as("float of %s", odd).isTrue();
            assertThat(Coercion.coerce(value, AttributeType.TIMESTAMP).isMissingNode()).as("timestamp of %s", odd).isTrue();
            assertThat(Coercion.coerce(value, AttributeType.BOOLEAN).booleanValue()).as("boolean of %s", odd).isFalse();
            assertThat(Coercion.coerce(value, AttributeType.STRING).textValue()).isEqualTo(Double.toString(odd));
        }
    }
}
