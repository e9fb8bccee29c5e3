package io.webhookactions.template;

import static io.webhookactions.template.TestScopes.render;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How attribute values turn into text, bytes, numbers and arrays, in templates and through {@link Values}. */
class ValuesTest {

    @ParameterizedTest(name = "{0} renders as {1}")
    @CsvSource(delimiter = ';', value = {
        "1.50;                 1.5",
        "1e3;                  1000",
        "0.000;                0",
        "-2.50;                -2.5",
        "1e-7;                 0.0000001",
        "100;                  100",
        "12345678901234567890; 12345678901234567890",
        "true;                 true",
    })
    void numbersRenderWithoutExponentOrTrailingZeros(String json, String expected) {
        assertThat(render("{n}", "{\"n\": " + json + "}")).isEqualTo(expected);
        assertThat(render("{n | uppercase}", "{\"n\": " + json + "}")).isEqualTo(expected.toUpperCase());
    }

    @Test
    void doublesAndFloatsGivenByJavaCodeAlsoReadWithoutExponent() {
        assertThat(Values.asText(DoubleNode.valueOf(1.5e20))).isEqualTo("150000000000000000000");
        assertThat(Values.asText(DoubleNode.valueOf(0.1))).isEqualTo("0.1");
        assertThat(Values.asText(FloatNode.valueOf(2.5f))).isEqualTo("2.5");
        assertThat(Values.asText(FloatNode.valueOf(1e10f))).isEqualTo("10000000000");
    }

    @Test
    void nullAndMissingReadAsTheEmptyText() {
        assertThat(Values.asText(null)).isEmpty();
        assertThat(Values.asText(MissingNode.getInstance())).isEmpty();
        assertThat(Values.asText(NullNode.getInstance())).isEmpty();
        assertThat(render("{o}", "{\"o\": null}")).isEmpty();
        assertThat(render("{o | uppercase}", "{\"o\": null}")).isEmpty();
    }

    @Test
    void bytesReadAsBase64AndTextAsItsUtf8Bytes() {
        byte[] raw = {(byte) 0xff, 0, 1, 2};

        assertThat(Values.asText(BinaryNode.valueOf(raw))).isEqualTo("/wABAg==");
        assertThat(Values.bytes(BinaryNode.valueOf(raw))).containsExactly(raw);
        assertThat(Values.bytes(Values.text("é"))).containsExactly("é".getBytes(StandardCharsets.UTF_8));
        assertThat(Values.bytes(null)).isEmpty();
        assertThat(Values.bytes(NullNode.getInstance())).isEmpty();
    }

    @ParameterizedTest(name = "default keeps {0}")
    @CsvSource(delimiter = ';', value = {
        "[];      []",
        "{};      {}",
        "0;       0",
        "false;   false",
        "\" \";   ' '",
        "\"[]\";  []",
    })
    void defaultKeepsEveryValueThatIsNotMissingNullOrEmptyText(String json, String expected) {
        assertThat(render("{o | default none}", "{\"o\": " + json + "}")).isEqualTo(expected);
    }

    @Test
    void onlyNullMissingAndTheEmptyTextAreEmpty() {
        assertThat(Values.isEmpty(null)).isTrue();
        assertThat(Values.isEmpty(MissingNode.getInstance())).isTrue();
        assertThat(Values.isEmpty(NullNode.getInstance())).isTrue();
        assertThat(Values.isEmpty(Values.text(""))).isTrue();
        assertThat(Values.isEmpty(Values.text(" "))).isFalse();
        assertThat(Values.isEmpty(Values.NODES.arrayNode())).isFalse();
    }

    @Test
    void anArrayIsReadFromAnArrayOrFromTextHoldingOne() {
        assertThat(Values.asArray(Values.text("  [1, 2]"))).hasSize(2);
        assertThat(Values.asArray(Values.NODES.arrayNode().add(1))).hasSize(1);
        assertThat(Values.asArray(Values.text("{\"a\": 1}"))).isNull();
        assertThat(Values.asArray(Values.text("[1,"))).isNull();
        assertThat(Values.asArray(Values.text("1, 2"))).isNull();
        assertThat(Values.asArray(IntNode.valueOf(5))).isNull();
        assertThat(Values.asArray(null)).isNull();
    }

    @ParameterizedTest(name = "count of {0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "12345;              5",
        "\"[1,\";            3",
        "\"{\\\"a\\\": 1}\"; 8",
        "\" [1, 2] \";       2",
        "{\"a\": 1};         1",
    })
    void textThatOnlyLooksLikeAnArrayIsCountedAsText(String json, String count) {
        assertThat(render("{o | count}", "{\"o\": " + json + "}")).isEqualTo(count);
    }

    @Test
    void accessorsReadIntoObjectsAndArraysStoredAsText() {
        assertThat(render("{o.a.b}", "{\"o\": \"{\\\"a\\\": {\\\"b\\\": 1}}\"}")).isEqualTo("1");
        assertThat(render("{o.a}", "{\"o\": \" {\\\"a\\\": 2}\"}")).isEqualTo("2");
        assertThat(render("{o[1]}", "{\"o\": \"[7, 8]\"}")).isEqualTo("8");
        assertThat(render("{o[-2]}", "{\"o\": [7, 8]}")).isEqualTo("7");
        assertThat(render("{o[0] | json}", "{\"o\": \"[1,\"}")).isEqualTo("null");
        assertThat(render("{o.a | json}", "{\"o\": \"abc\"}")).isEqualTo("null");
        assertThat(render("{o[0] | json}", "{\"o\": {\"0\": 1}}")).isEqualTo("null");
    }

    @ParameterizedTest(name = "{0} is the number {1}")
    @CsvSource({"42, 42", "' 42 ', 42", "1e3, 1E+3", "-0.50, -0.50"})
    void numericTextReadsAsANumber(String text, String number) {
        assertThat(Values.number(Values.text(text))).isEqualTo(new BigDecimal(number));
    }

    @Test
    void valuesThatAreNotNumbersHaveNoNumber() {
        assertThat(Values.number(null)).isNull();
        assertThat(Values.number(Values.text("abc"))).isNull();
        assertThat(Values.number(BooleanNode.TRUE)).isNull();
        assertThat(Values.number(NullNode.getInstance())).isNull();
        assertThat(Values.number(IntNode.valueOf(5))).isEqualByComparingTo("5");
    }
}
