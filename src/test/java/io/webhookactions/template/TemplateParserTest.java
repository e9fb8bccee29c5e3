package io.webhookactions.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.attribute.Context;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
        "{{ }} ¦ 1 ¦ needs a key",
        "{{open ¦ 1 ¦ never closed",
        "{a.b$} ¦ 5 ¦ unexpected '$'",
    })
    void syntaxErrorsGiveTheColumnAndTheFix(String template, int column, String reason) {
        assertThatThrownBy(() -> Template.parse(template.strip()))
                .isInstanceOfSatisfying(TemplateSyntaxException.class, e -> {
                    assertThat(e.column()).isEqualTo(column);
                    assertThat(e.reason()).contains(reason);
                });
    }
}
