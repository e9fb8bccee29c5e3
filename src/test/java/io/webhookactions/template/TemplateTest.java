package io.webhookactions.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.SecretSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A parsed template as its users see it: typed values, rendering, display, property placeholders and the length limit. */
class TemplateTest {

    private static final AttributeScope NUMBERS = TestScopes.of("{\"user\": {\"age\": 42, \"n\": 7}}");

    @Test
    void aSingleExpressionKeepsTheTypeOfItsValue() {
        JsonNode value = Template.parse("{age}").value(NUMBERS);

        assertThat(value.isInt()).isTrue();
        assertThat(value.intValue()).isEqualTo(42);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '¦', value = {
        "{age} years ¦ 42 years",
        "{age}{n} ¦ 427",
        "plain ¦ plain",
    })
    void anyOtherTemplateHasItsRenderedTextAsValue(String template, String text) {
        JsonNode value = Template.parse(template).value(NUMBERS);

        assertThat(value.isTextual()).isTrue();
        assertThat(value.textValue()).isEqualTo(text);
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '¦', quoteCharacter = '`', value = {
        "{a} ¦ true",
        "{a | uppercase} ¦ true",
        "{a}{b} ¦ false",
        "`{a} ` ¦ false",
        "plain ¦ false",
        "`` ¦ false",
        "{{p}} ¦ false",
    })
    void onlyATemplateOfExactlyOneExpressionIsASingleExpression(String template, boolean single) {
        assertThat(Template.parse(template).isSingleExpression()).isEqualTo(single);
    }

    @Test
    void aMissingAttributeRendersAsNothing() {
        assertThat(Template.parse("a{x}b{y.z[0]}c").render(Scope.empty())).isEqualTo("abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "https://x/{user_id | uppercase}?q=\\{literal\\}", "{{crm.url}}/users/{id}"})
    void theSourceIsTheTemplateAsWritten(String source) {
        Template template = Template.parse(source);

        assertThat(template.source()).isEqualTo(source);
        assertThat(template).hasToString(source);
        assertThat(template.withPlaceholders(key -> "https://crm").source()).isEqualTo(source);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "plain", "a{b}c", "{user.id}", "}{{x}}{"})
    void aLiteralTemplateRendersItsTextExactlyAndMatchesTheEscapedParse(String text) {
        Template literal = Template.literal(text);

        assertThat(literal.render(Scope.empty())).isEqualTo(text);
        assertThat(literal.isConstant()).isTrue();
        assertThat(literal.references()).isEmpty();
        assertThat(literal.placeholders()).isEmpty();
        assertThat(literal.segments()).isEqualTo(
                Template.parse(text.replace("{", "\\{").replace("}", "\\}")).segments());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "https://api.example.com/users/{user_id}",
        "a \\{literal\\} {x | replace \"a\" \"b\"} and {session.cart[0]}",
        "{{crm.url}}/users/{id | default anon}",
    })
    void theDisplayShowsTheTemplateAsWritten(String source) {
        assertThat(Template.parse(source).display()).isEqualTo(source);
    }

    @Test
    void theDisplayShowsAResolvedPropertyAsItsValueAndAProtectedOneMasked() {
        Template template = Template.parse("{{crm.url}}/users/{id}");

        assertThat(template.withPlaceholders(key -> "https://crm.example.com").display())
                .isEqualTo("https://crm.example.com/users/{id}");
        assertThat(template.withPlaceholders(key -> "t0ken", true).display())
                .isEqualTo(SecretSource.MASK + "/users/{id}");
    }

    @Test
    void aResolvedPropertyBecomesLiteralTextMergedWithItsNeighbours() {
        Template template = Template.parse("a{{p}}b").withPlaceholders(key -> "<" + key + ">");

        assertThat(template.segments()).containsExactly(new Segment.Text("a<p>b"));
        assertThat(template.isConstant()).isTrue();
        assertThat(template.placeholders()).isEmpty();
        assertThat(template.render(Scope.empty())).isEqualTo("a<p>b");
    }

    @Test
    void aResolvedPropertyNextToAnExpressionAddsNoEmptyText() {
        Template template = Template.parse("{x}{{p}}").withPlaceholders(key -> "v");

        assertThat(template.segments()).hasSize(2);
        assertThat(template.segments().get(0)).isInstanceOf(Segment.Expression.class);
        assertThat(template.segments().get(1)).isEqualTo(new Segment.Text("v"));
        assertThat(template.render(TestScopes.user("x", "1"))).isEqualTo("1v");
    }

    @Test
    void aProtectedPropertyStaysASeparateSegmentBetweenTheText() {
        Template template = Template.parse("a{{p}}b{x}").withPlaceholders(key -> "s3cret", true);

        assertThat(template.segments()).hasSize(4);
        assertThat(template.segments().subList(0, 3)).containsExactly(new Segment.Text("a"),
                new Segment.Protected("s3cret"), new Segment.Text("b"));
        assertThat(template.segments().get(3)).isInstanceOf(Segment.Expression.class);
        assertThat(Template.parse("{{p}}").withPlaceholders(key -> "s3cret", true).segments())
                .containsExactly(new Segment.Protected("s3cret"));
    }

    @Test
    void aProtectedPropertyIsSentInTheClearOnlyByAnUnmaskedScope() {
        Template template = Template.parse("Bearer {{token}}").withPlaceholders(key -> "s3cret", true);
        AttributeScope masked = TestScopes.of("{}");

        assertThat(template.render(masked)).isEqualTo("Bearer " + SecretSource.MASK);
        assertThat(template.render(masked.unmasked())).isEqualTo("Bearer s3cret");
        assertThat(template.render(Scope.empty())).isEqualTo("Bearer s3cret");
    }

    @Test
    void withoutPlaceholdersThePropertiesAreNeverAskedFor() {
        Template template = Template.parse("{x}/y").withPlaceholders(key -> {
            throw new AssertionError("asked for " + key);
        });

        assertThat(template.render(TestScopes.user("x", "1"))).isEqualTo("1/y");
    }

    @Test
    void renderingAnUnresolvedPlaceholderFailsNamingIt() {
        Template template = Template.parse("{{crm.url}}/users");

        assertThatThrownBy(() -> template.render(Scope.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("{{crm.url}}");
    }

    @ParameterizedTest(name = "limit {0}")
    @ValueSource(longs = {4, 5})
    void aValueAsLongAsTheLimitIsAllowed(long limit) {
        AttributeScope scope = TestScopes.user("a", "abcd").withMaxRenderedLength(limit);

        assertThat(Template.parse("{a}").value(scope).textValue()).isEqualTo("abcd");
        assertThat(Template.parse("{b | default wxyz}").value(scope).textValue()).isEqualTo("wxyz");
        assertThat(Template.parse("{a | sha256}").value(TestScopes.user("a", "x").withMaxRenderedLength(32)).isBinary())
                .isTrue();
        assertThat(Template.parse("x{a}").render(TestScopes.user("a", "ab").withMaxRenderedLength(3))).isEqualTo("xab");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', value = {
        "{a} ¦ 3",
        "{b | default wxyz} ¦ 3",
        "{a | sha256} ¦ 31",
    })
    void aValueLongerThanTheLimitFailsNamingTheExpression(String template, long limit) {
        AttributeScope scope = TestScopes.user("a", "abcd").withMaxRenderedLength(limit);

        assertThatThrownBy(() -> Template.parse(template).value(scope))
                .isInstanceOf(RenderException.class)
                .hasMessage("the value of " + template + " is longer than webhook.max-rendered-bytes (" + limit + ")");
    }

    @Test
    void aRenderedTextLongerThanTheLimitFailsAtTheExpressionThatOverflows() {
        AttributeScope scope = TestScopes.user("a", "ab").withMaxRenderedLength(2);

        assertThatThrownBy(() -> Template.parse("x{a}").render(scope))
                .isInstanceOf(RenderException.class)
                .hasMessage("the value of {a} is longer than webhook.max-rendered-bytes (2)");
    }
}
