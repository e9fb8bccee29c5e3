package io.webhookactions.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.support.Json;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Templates and attribute values a careless integrator or an attacker supplies, each one a defect the fuzzing in
 * {@link TemplateFuzzTest} found: loading fails only with a template error that says what to write, and rendering
 * gives text (or fails the execution) instead of throwing, hanging or filling the memory.
 */
class TemplateHostileInputTest {

    // ---- indexes ----

    @Test
    void anIndexBeyondTheIntRangeIsATemplateErrorNotAKey() {
        // It was read as the key "99999999999999999999": on an object with that key it rendered the key's value.
        assertThatThrownBy(() -> Template.parse("{a[99999999999999999999]}"))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(3);
                    assertThat(e.reason()).isEqualTo("index 99999999999999999999 is too large; indexes go up to 2147483647"
                            + " (write ['99999999999999999999'] for a key of that name)");
                });
        assertThatThrownBy(() -> Template.parse("{a[-2147483649]}"))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e ->
                        assertThat(e.reason()).startsWith("index -2147483649 is too small; indexes go down to -2147483648"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "[1234567890], 1234567890",
        "[2147483647], 2147483647",
        "[-2147483648], -2147483648",
        "[0000000000007], 7",
    })
    void everyIndexInTheIntRangeIsAnIndexWhateverItsNumberOfDigits(String accessor, int index) {
        // Ten digits and more were read as a key, so [1234567890] never read an element.
        assertThat(Template.parse("{a" + accessor + "}").references().get(0).path())
                .containsExactly(new Accessor.Index(index));
    }

    @Test
    void aQuotedNumericKeyStillReadsTheKey() {
        assertThat(TestScopes.render("{a['99999999999999999999']}", "{\"a\": {\"99999999999999999999\": \"key\"}}"))
                .isEqualTo("key");
    }

    // ---- numbers beyond every range ----

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "1e999999999, 1E+999999999",
        "-1e999999999, -1E+999999999",
        "1e-999999999, 1E-999999999",
        "1e10000, 1E+10000",
        "1.5e-10000, 1.5E-10000",
    })
    @Timeout(5)
    void aNumberTooLongToWriteOutRendersWithItsExponent(String number, String rendered) {
        // Written out it would be up to a billion digits: it threw ArithmeticException or built the string until the
        // memory ran out. Jackson's plain writer stops at the same exponent (9999).
        assertThat(render("{n}", DecimalNode.valueOf(new BigDecimal(number)))).isEqualTo(rendered);
    }

    @Test
    void aNumberWithinTheExponentLimitIsStillWrittenOut() {
        assertThat(render("{n}", DecimalNode.valueOf(new BigDecimal("1e9999")))).isEqualTo("1" + "0".repeat(9999));
        assertThat(render("{n}", DecimalNode.valueOf(new BigDecimal("1.5e-9998")))).isEqualTo("0." + "0".repeat(9997) + "15");
    }

    @Test
    void notANumberAndInfinityFromJavaCodeRenderAsTheirNames() {
        // A Camel route may hand a Map holding Double.NaN; reading it as a BigDecimal threw NumberFormatException.
        assertThat(render("{n}", DoubleNode.valueOf(Double.NaN))).isEqualTo("NaN");
        assertThat(render("{n}", DoubleNode.valueOf(Double.POSITIVE_INFINITY))).isEqualTo("Infinity");
        assertThat(render("{n}", FloatNode.valueOf(Float.NEGATIVE_INFINITY))).isEqualTo("-Infinity");
        assertThat(render("{n | number_to_words}", DoubleNode.valueOf(Double.NaN))).isEqualTo("NaN");
        assertThat(render("{n | where . 2 | count}", Json.mapper().createArrayNode()
                .add(DoubleNode.valueOf(Double.NaN)).add(2))).isEqualTo("1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"number_to_words", "ordinal", "ordinal_words", "format_date yyyy", "range 1",
        "where . 1", "uppercase", "count", "last", "default x", "replace 1 2"})
    @Timeout(10)
    void everyFilterTakesANumberTooLongToWriteOut(String filter) {
        // Each threw ArithmeticException (1e999999999) or ran until the memory was gone (1e-999999999).
        for (String number : List.of("1e999999999", "-1e999999999", "1e-999999999")) {
            render("{n | " + filter + "}", DecimalNode.valueOf(new BigDecimal(number)));
            render("{n | " + filter + "}", Values.text(number));
            render("{n | " + filter + "}", Json.mapper().createArrayNode().add(DecimalNode.valueOf(new BigDecimal(number))));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"number_to_words", "ordinal", "ordinal_words", "format_date yyyy"})
    void aNumberFilterPassesANumberTooLongToWriteOutUnchanged(String filter) {
        assertThat(render("{n | " + filter + "}", DecimalNode.valueOf(new BigDecimal("1e999999999")))).isEqualTo("1E+999999999");
        assertThat(render("{n | " + filter + "}", Values.text("1e-999999999"))).isEqualTo("1e-999999999");
    }

    @Test
    @Timeout(5)
    void numericTextLongerThanJsonAllowsForANumberIsText() {
        // A 300 000-digit string took minutes: BigDecimal strips trailing zeros one division at a time.
        String digits = "1" + "0".repeat(300_000);

        assertThat(render("{n | ordinal}", Values.text(digits))).isEqualTo(digits);
        assertThat(render("{n | number_to_words}", Values.text(digits))).isEqualTo(digits);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e400", "18446744075409551616", "-18446744073709551616"})
    void formatDateLeavesSecondsBeyondTheRangeOfTimeUnchanged(String seconds) {
        // Only the low 64 bits were read: 2^64 + 1700000000 seconds formatted as 2023, 1e400 as 1970.
        assertThat(render("{n | format_date yyyy}", Values.text(seconds))).isEqualTo(seconds);
    }

    // ---- filters with attribute arguments ----

    @ParameterizedTest(name = "{0} key {1}")
    @CsvSource({"base64, not*base64", "hex, zz", "hex, abc"})
    void anHmacKeyReadFromAnAttributeThatIsNotInItsEncodingFailsTheExecution(String encoding, String key) {
        // It threw IllegalArgumentException, which is no failed execution but an error of the route.
        Scope scope = AttributeScope.of(Contexts.empty().with(Context.USER, "s", Values.text("body"))
                .with(Context.USER, "k", Values.text(key)), AttributeTypes.none(), SecretSource.none());

        assertThatThrownBy(() -> Template.parse("{s | hmac sha256 @user.k " + encoding + " | hex}").render(scope))
                .isInstanceOf(RenderException.class)
                .hasMessage("the hmac key read from @user.k is not valid " + encoding + "; store it " + encoding
                        + "-encoded or give its encoding (text, base64 or hex) as hmac's third argument")
                .hasMessageNotContaining(key);
    }

    @Test
    void aRangeBoundBeyondTheIntRangeSaysItIsTooLarge() {
        assertThatThrownBy(() -> Template.parse("{a | range 0 99999999999}"))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> assertThat(e.reason())
                        .startsWith("filter \"range\": COUNT 99999999999 is too large; write a whole number from"
                                + " -2147483648 to 2147483647"));
    }

    // ---- text searches with both sides from attributes ----

    @Test
    @Timeout(5)
    void replaceWithALongSearchFromAnAttributeTakesLinearTime() {
        // String.replace compares naively: 400 000 characters searched for a 200 001-character miss took 13 s.
        String text = "a".repeat(400_000);
        Scope scope = AttributeScope.of(Contexts.empty().with(Context.USER, "s", Values.text(text))
                .with(Context.USER, "from", Values.text("a".repeat(200_000) + "b"))
                .with(Context.USER, "to", Values.text("x")), AttributeTypes.none(), SecretSource.none());

        assertThat(Template.parse("{s | replace @user.from @user.to}").render(scope)).isEqualTo(text);
    }

    @Test
    void theLinearSearchFindsWhatStringReplaceFinds() {
        // Long self-overlapping searches over two letters: where a wrong restart after a partial match shows.
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 300; i++) {
            String search = twoLetters(random, 65 + random.nextInt(10));
            String text = twoLetters(random, random.nextInt(400)) + search + twoLetters(random, random.nextInt(400));
            text = text + search.substring(0, 40) + text;

            assertThat(TextSearch.replace(text, search, "<>")).as(text).isEqualTo(text.replace(search, "<>"));
            assertThat(TextSearch.count(text, search)).isEqualTo((text.length() - text.replace(search, "").length()) / search.length());
            assertThat(TextSearch.contains(text, search + "x")).isFalse();
        }
    }

    private static String twoLetters(java.util.Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(random.nextInt(5) == 0 ? 'b' : 'a');
        }
        return out.toString();
    }

    @Test
    @Timeout(5)
    void whereContainsWithALongValueFromAnAttributeTakesLinearTime() {
        Scope scope = AttributeScope.of(Contexts.empty()
                .with(Context.USER, "xs", Json.mapper().createArrayNode().add("a".repeat(700_000)).add("b"))
                .with(Context.USER, "v", Values.text("a".repeat(350_000) + "b")), AttributeTypes.none(), SecretSource.none());

        assertThat(Template.parse("{xs | where . @user.v contains | count}").render(scope)).isEqualTo("0");
    }

    @Test
    @Timeout(5)
    void aUrlWhoseTextNeverNamesASchemeIsRefusedInLinearTime() {
        // Each character searched all the text before it for "://".
        assertThatThrownBy(() -> UrlTemplate.compile(Template.parse("x".repeat(1_000_000) + "{a}")))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("the scheme (http:// or https://) must be written literally");
    }

    // ---- JSON bodies ----

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1e10000", "[1, [2, 1e-99999]]", "{\"a\": 1e999999999}"})
    void aBodyValueHoldingANumberTooLongToWriteOutFailsTheExecution(String json) throws Exception {
        // The body rendered, then writing it for sending threw Jackson's "illegal scale", outside the render failures.
        JsonNode value = Json.mapper().readTree(json);
        JsonBodyTemplate body = JsonBodyTemplate.compile(Json.mapper().readTree("{\"v\": \"{n}\"}"), "/body",
                (text, pointer) -> Template.parse(text));

        assertThatThrownBy(() -> body.render(scope(value)))
                .isInstanceOf(RenderException.class)
                .hasMessage("the value of {n} holds a number with an exponent beyond 9999; numbers in a JSON body are written"
                        + " out in full, up to 9999 digits before or after the point");
    }

    @Test
    void aBodyValueWithinTheExponentLimitIsWritten() throws Exception {
        JsonBodyTemplate body = JsonBodyTemplate.compile(Json.mapper().readTree("{\"v\": \"{n}\"}"), "/body",
                (text, pointer) -> Template.parse(text));

        assertThat(new String(Json.mapper().writeValueAsBytes(body.render(scope(Json.mapper().readTree("[1e400]"))))))
                .isEqualTo("{\"v\":[1" + "0".repeat(400) + "]}");
    }

    private static String render(String template, JsonNode value) {
        return Template.parse(template).render(scope(value));
    }

    private static Scope scope(JsonNode value) {
        return AttributeScope.of(Contexts.empty().with(Context.USER, "n", value), AttributeTypes.none(), SecretSource.none())
                .withMaxRenderedLength(1 << 20);
    }
}
