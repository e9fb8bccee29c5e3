package io.webhookactions.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.attribute.Context;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The template syntax: what each form parses to, and which syntax errors are reported where and with which fix. */
class TemplateParserTest {

    @Test
    void referenceWithoutContextReadsUser() {
        Reference reference = Template.parse("{user_id}").references().get(0);

        assertThat(reference.context()).isEqualTo(Context.USER);
        assertThat(reference.name()).isEqualTo("user_id");
        assertThat(reference.path()).isEmpty();
    }

    @Test
    void everyContextIsRecognised() {
        List<Reference> references = Template.parse(
                "{user.a}{session.b}{global.c}{conversation.d}{secret.e}{_auth.f}{_webhook.url}").references();

        assertThat(references).extracting(Reference::context).containsExactly(Context.USER, Context.SESSION,
                Context.GLOBAL, Context.CONVERSATION, Context.SECRET, Context.AUTH, Context.WEBHOOK);
    }

    @Test
    void accessorsOfEveryFormAreParsed() {
        Reference reference = Template.parse("{session.cart.items[0]['sku']['x y'][\"z\"][-1].id}").references().get(0);

        assertThat(reference.context()).isEqualTo(Context.SESSION);
        assertThat(reference.name()).isEqualTo("cart");
        assertThat(reference.path()).containsExactly(new Accessor.Key("items"), new Accessor.Index(0),
                new Accessor.Key("sku"), new Accessor.Key("x y"), new Accessor.Key("z"), new Accessor.Index(-1),
                new Accessor.Key("id"));
    }

    @Test
    void anAttributeNamedLikeAContextButNotFollowedByADotIsAUserAttribute() {
        Reference reference = Template.parse("{session}").references().get(0);

        assertThat(reference.context()).isEqualTo(Context.USER);
        assertThat(reference.name()).isEqualTo("session");
    }

    @Test
    void filterArgumentsMayBeQuotedOrReadAttributes() {
        Segment.Expression expression = (Segment.Expression) Template.parse(
                "{msg | replace \"a | b\" @global.sep | hmac sha256 @secret.key hex}").segments().get(0);

        assertThat(expression.filters()).extracting(FilterCall::name).containsExactly("replace", "hmac");
        assertThat(expression.filters().get(0).arguments()).containsExactly(new Argument.Literal("a | b"),
                new Argument.Attribute(new Reference(Context.GLOBAL, "sep", List.of())));
        assertThat(Template.parse("{msg | hmac sha256 @secret.key hex}").references())
                .extracting(Reference::toString).containsExactly("user.msg", "secret.key");
    }

    @Test
    void propertyPlaceholdersAreKeptApartFromReferences() {
        Template template = Template.parse("{{crm.base-url}}/users/{user_id}");

        assertThat(template.placeholders()).containsExactly("crm.base-url");
        assertThat(template.references()).extracting(Reference::toString).containsExactly("user.user_id");
        assertThat(template.withPlaceholders(key -> "https://crm.example.com").render(
                (context, name) -> Values.text("42"))).isEqualTo("https://crm.example.com/users/42");
    }

    @Test
    void aPropertyValueIsNeverParsedForReferences() {
        Template template = Template.parse("{{p}}").withPlaceholders(key -> "{secret.x}");

        assertThat(template.render(Scope.empty())).isEqualTo("{secret.x}");
    }

    @Test
    void singleExpressionAndConstantAreRecognised() {
        assertThat(Template.parse("{user.age}").isSingleExpression()).isTrue();
        assertThat(Template.parse(" {user.age}").isSingleExpression()).isFalse();
        assertThat(Template.parse("plain \\{text\\}").isConstant()).isTrue();
        assertThat(Template.parse("plain \\{text\\}").render(Scope.empty())).isEqualTo("plain {text}");
    }

    @Test
    void aBackslashNotBeforeABraceIsLiteral() {
        assertThat(Template.parse("a\\nb\\\\c").render(Scope.empty())).isEqualTo("a\\nb\\\\c");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', quoteCharacter = '`', value = {
        "https://x/{user_id ¦ 11 ¦ '{' is never closed",
        "a } ¦ 3 ¦ write \\} for a literal brace",
        "{} ¦ 1 ¦ empty reference",
        "{ } ¦ 1 ¦ empty reference",
        "{1abc} ¦ 2 ¦ expected an attribute name",
        "{user.} ¦ 7 ¦ expected an attribute name after 'user.'",
        "{a b} ¦ 4 ¦ expected '|' before a filter",
        "{a | } ¦ 6 ¦ expected a filter name",
        "{a | nope} ¦ 6 ¦ unknown filter \"nope\"",
        "{a | uppercase x} ¦ 6 ¦ takes no arguments but got 1",
        "{a | replace x} ¦ 6 ¦ write: replace SEARCH REPLACEMENT",
        "{a | default} ¦ 6 ¦ takes 1 argument but got 0",
        "{a | range x} ¦ 6 ¦ START must be a whole number",
        "{a | base64 -x} ¦ 6 ¦ use -e (encode) or -d (decode)",
        "{a | url_encode yes} ¦ 6 ¦ the only argument is true",
        "{a | hmac sha256 k utf8} ¦ 6 ¦ text, base64 or hex",
        "{a | hmac sha256 zz hex} ¦ 6 ¦ the key is not valid hex",
        "{a[} ¦ 3 ¦ '[' is never closed",
        "{a[]} ¦ 3 ¦ empty accessor",
        "{a['x]} ¦ 3 ¦ is not closed with '",
        "{a | replace \"x y} ¦ 1 ¦ quoted filter argument is never closed",
        "{a[\"x']} ¦ 1 ¦ a key in brackets takes single quotes: ['key']",
        "{{ }} ¦ 1 ¦ needs a key",
        "{{open ¦ 1 ¦ never closed",
        "{a.b$} ¦ 5 ¦ unexpected '$'",
        "a{ ¦ 2 ¦ '{' is never closed",
        "{a {b} ¦ 1 ¦ '{' is never closed",
        "{a[}] ¦ 3 ¦ '[' is never closed",
        "{a[']} ¦ 3 ¦ is not closed with '",
        "{{a{b}} ¦ 1 ¦ needs a key",
        "{{a}b}} ¦ 1 ¦ needs a key",
        "{a | default \"x\\\"} ¦ 1 ¦ quoted filter argument is never closed",
    })
    void syntaxErrorsGiveTheColumnAndTheFix(String template, int column, String reason) {
        assertThatThrownBy(() -> Template.parse(template.strip()))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.reason()).contains(reason);
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '¦', quoteCharacter = '`', value = {
        "{1abc} ¦ 2 ¦ expected an attribute name, found '1'",
        "{user.} ¦ 7 ¦ expected an attribute name after 'user.', found the end of the reference",
        "{a. } ¦ 4 ¦ expected a key after '.', found ' '",
        "{a | } ¦ 6 ¦ expected a filter name after '|', found the end of the reference",
        "{a['x]} ¦ 3 ¦ the key in ['x] is not closed with '",
        "{a.b$c} ¦ 5 ¦ unexpected '$' in reference 'a.b$c'; names use letters, digits, '_' and '-', keys go in .key or ['key']",
    })
    void syntaxErrorsSayWhatWasFound(String template, int column, String reason) {
        assertThatThrownBy(() -> Template.parse(template))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e).hasMessage("column " + column + ": " + reason);
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "z", "A", "Z", "_", "_0", "a9", "a-b", "Az_z-9", "user_id", "crm-id"})
    void namesAreLettersUnderscoresDigitsAndHyphens(String name) {
        Reference reference = Template.parse("{" + name + "}").references().get(0);

        assertThat(reference.name()).isEqualTo(name);
        assertThat(Template.parse("{global." + name + "." + name + "}").references().get(0))
                .isEqualTo(new Reference(Context.GLOBAL, name, List.of(new Accessor.Key(name))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "9", "-"})
    void aNameStartsWithALetterOrUnderscore(String first) {
        assertThatThrownBy(() -> Template.parse("{" + first + "a}"))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(2);
                    assertThat(e.reason()).isEqualTo("expected an attribute name, found '" + first + "'");
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"`", "~", "@", "^", "/", ":", "#", "\u00e9"})
    void aCharacterOutsideTheNameAlphabetIsReportedWhereItStands(String character) {
        assertThatThrownBy(() -> Template.parse("{ab" + character + "}"))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(4);
                    assertThat(e.reason()).startsWith("unexpected '" + character + "' in reference 'ab" + character + "'");
                });
    }

    @Test
    void aContextNameFollowedByAnAccessorOrAFilterIsAUserAttribute() {
        assertThat(Template.parse("{session[0]}").references().get(0))
                .isEqualTo(new Reference(Context.USER, "session", List.of(new Accessor.Index(0))));
        assertThat(Template.parse("{global | lowercase}").render(TestScopes.user("global", "ABC"))).isEqualTo("abc");
    }

    @Test
    void filtersNeedNoSpacesAroundTheBar() {
        assertThat(Template.parse("{name|uppercase}").render(TestScopes.user("name", "bob"))).isEqualTo("BOB");
        assertThat(Template.parse("{name|default anon|uppercase}").render(Scope.empty())).isEqualTo("ANON");
    }

    @Test
    void aQuotedArgumentMayHoldEscapedQuotesBackslashesAndBraces() {
        assertThat(Template.parse("{a | default \"say \\\"}\\\" now\"}").render(Scope.empty())).isEqualTo("say \"}\" now");
        assertThat(Template.parse("{a | default \"back\\\\slash\"}").render(Scope.empty())).isEqualTo("back\\slash");
        assertThat(Template.parse("{a | default \"{x}\"}!").render(Scope.empty())).isEqualTo("{x}!");
    }

    @Test
    void anEmptyQuotedKeyReadsTheEmptyKey() {
        Template template = Template.parse("{a['']}");

        assertThat(template.references().get(0).path()).containsExactly(new Accessor.Key(""));
        assertThat(template.render(TestScopes.of("{\"user\": {\"a\": {\"\": \"v\"}}}"))).isEqualTo("v");
    }

    @Test
    void placeholdersMayFollowEachOtherDirectly() {
        Template template = Template.parse("{{a}}{{b}}/{{ c }}");

        assertThat(template.placeholders()).containsExactly("a", "b", "c");
        assertThat(template.withPlaceholders(key -> key.toUpperCase()).render(Scope.empty())).isEqualTo("AB/C");
    }

    @Test
    void anExpressionKeepsItsTextAsWritten() {
        Segment.Expression expression = (Segment.Expression) Template.parse("x{ a | default \"y\" }z").segments().get(1);

        assertThat(expression.text()).isEqualTo("{ a | default \"y\" }");
    }

    @Test
    void anUnclosedQuotedArgumentAfterABareWordWithAQuoteIsReported() {
        assertThatThrownBy(() -> Template.parse("{a | replace x\" \"y}"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("a quoted filter argument is never closed");
    }
}
