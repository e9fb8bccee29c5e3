package io.webhookactions.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A value fills only the URL component it stands in (SPEC §3 "URL"). */
class UrlTemplateTest {

    private static final UrlTemplate USERS = UrlTemplate.compile(
            Template.parse("https://api.example.com/users/{v}/orders?q={v}&page=1#{v}"));

    @Test
    void specExampleRendersAsDocumented() {
        UrlTemplate url = UrlTemplate.compile(Template.parse(
                "https://api.example.com/api/{global.api_version}/users?userId={user_id}"));

        String rendered = url.render(TestScopes.of("{\"global\": {\"api_version\": \"v2\"}, \"user\": {\"user_id\": 42}}"));

        assertThat(rendered).isEqualTo("https://api.example.com/api/v2/users?userId=42");
    }

    @Test
    void eachReferenceKnowsItsComponent() {
        UrlTemplate url = UrlTemplate.compile(Template.parse("https://{h}.example.com:{p}/a/{seg}?{name}={value}&x={y}#{f}"));

        assertThat(url.components()).containsExactly(UrlTemplate.Component.HOST, UrlTemplate.Component.HOST,
                UrlTemplate.Component.PATH, UrlTemplate.Component.QUERY_NAME, UrlTemplate.Component.QUERY_VALUE,
                UrlTemplate.Component.QUERY_VALUE, UrlTemplate.Component.FRAGMENT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../", "../../admin", "?a=b", "#frag", "%2F", "a/b", "a b", "x&y=z", "a+b", "\r\nX-Injected: 1",
        "\"quoted'", "{brace}", "日本語", "a=b", ";jsessionid=1", "\\back", "", "%", "%%41", "\u0000nul"})
    void hostileValueStaysInsideItsPathSegmentAndQueryValue(String hostile) throws Exception {
        String rendered = USERS.render(TestScopes.user("v", hostile));

        URI uri = new URI(rendered);
        assertThat(uri.getHost()).isEqualTo("api.example.com");
        List<String> segments = Arrays.asList(uri.getRawPath().split("/", -1));
        assertThat(segments).hasSize(4);
        assertThat(segments.get(1)).isEqualTo("users");
        assertThat(decode(segments.get(2))).isEqualTo(hostile);
        assertThat(segments.get(3)).isEqualTo("orders");
        String[] parameters = uri.getRawQuery().split("&", -1);
        assertThat(parameters).hasSize(2);
        assertThat(parameters[0]).startsWith("q=");
        assertThat(decode(parameters[0].substring(2))).isEqualTo(hostile);
        assertThat(parameters[1]).isEqualTo("page=1");
        assertThat(decode(uri.getRawFragment())).isEqualTo(hostile);
    }

    @Test
    void randomValuesNeverAddASegmentOrParameter() throws Exception {
        Random random = new Random(20261127);
        String alphabet = "/?#&=+%;:@!$'()*,[]{}\\\" \t\r\nabcXYZ019~._-é日\u0000";
        for (int i = 0; i < 2000; i++) {
            StringBuilder value = new StringBuilder();
            int length = random.nextInt(24);
            for (int j = 0; j < length; j++) {
                value.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            URI uri = new URI(USERS.render(TestScopes.user("v", value.toString())));
            assertThat(uri.getRawPath().split("/", -1)).hasSize(4);
            assertThat(uri.getRawQuery().split("&", -1)).hasSize(2);
            assertThat(decode(uri.getRawPath().split("/", -1)[2])).isEqualTo(value.toString());
        }
    }

    @Test
    void veryLongValueIsEncodedWhole() throws Exception {
        String longValue = "a/".repeat(50_000);

        URI uri = new URI(USERS.render(TestScopes.user("v", longValue)));

        assertThat(decode(uri.getRawPath().split("/", -1)[2])).isEqualTo(longValue);
    }

    @Test
    void explicitUrlEncodeIsNotEncodedTwice() {
        UrlTemplate url = UrlTemplate.compile(Template.parse("https://api.example.com/s?city={city | url_encode}"));

        assertThat(url.render(TestScopes.user("city", "New York & Co"))).isEqualTo("https://api.example.com/s?city=New+York+%26+Co");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.example.com", "api-2.example.com", "10.0.0.7", "localhost:8080", "[::1]:8443"})
    void validHostValueIsUsed(String host) throws Exception {
        UrlTemplate url = UrlTemplate.compile(Template.parse("https://{global.host}/v1"));

        URI uri = new URI(url.render(TestScopes.of("{\"global\": {\"host\": \"" + host + "\"}}")));

        assertThat(uri.getAuthority()).isEqualTo(host);
        assertThat(uri.getPath()).isEqualTo("/v1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.com/path", "evil.com?x=1", "evil.com#", "user@evil.com", "a b", "", "-bad.com",
        "evil.com:99999", "evil..com", "evil.com:", "exa\r\nmple.com"})
    void invalidHostValueFailsBeforeSending(String host) {
        UrlTemplate url = UrlTemplate.compile(Template.parse("https://{global.host}/v1"));

        assertThatThrownBy(() -> url.render(TestScopes.of("{\"global\": {\"host\": \"" + escape(host) + "\"}}")))
                .isInstanceOf(RenderException.class)
                .hasMessageContaining("{global.host}")
                .hasMessageNotContaining("evil");
    }

    @Test
    void missingHostAttributeFailsBeforeSending() {
        UrlTemplate url = UrlTemplate.compile(Template.parse("https://{global.host}/v1"));

        assertThatThrownBy(() -> url.render(TestScopes.of("{}"))).isInstanceOf(RenderException.class);
    }

    @Test
    void partialHostValueMustStillBeHostCharacters() {
        UrlTemplate url = UrlTemplate.compile(Template.parse("https://{tenant}.api.example.com/v1"));

        assertThat(url.render(TestScopes.user("tenant", "acme"))).isEqualTo("https://acme.api.example.com/v1");
        assertThatThrownBy(() -> url.render(TestScopes.user("tenant", "evil.com/x?"))).isInstanceOf(RenderException.class);
    }

    @Test
    void schemeCannotComeFromAnAttribute() {
        assertThatThrownBy(() -> UrlTemplate.compile(Template.parse("{scheme}://api.example.com")))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("scheme");
    }

    @Test
    void missingPathValueRendersEmpty() {
        assertThat(USERS.render(TestScopes.of("{}"))).isEqualTo("https://api.example.com/users//orders?q=&page=1#");
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    private static String escape(String text) {
        return text.replace("\r", "\\r").replace("\n", "\\n");
    }

    @Test
    void hostValuesThatCombineIntoAnInvalidAuthorityFail() {
        UrlTemplate url = UrlTemplate.compile(Template.parse("https://{a}{b}.example.com/v1"));

        assertThatThrownBy(() -> url.render(TestScopes.of("{\"user\": {\"a\": \"x:80\", \"b\": \"y\"}}")))
                .isInstanceOf(RenderException.class);
    }

    @Test
    void literalTextThatCannotFormAUrlFailsAtLoad() {
        assertThatThrownBy(() -> UrlTemplate.compile(Template.parse("https://api.example.com/a b/{x}")))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("the URL is not valid");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://h?{a}={b}#{c}                 | QUERY_NAME QUERY_VALUE FRAGMENT",
        "https://h#{a}                         | FRAGMENT",
        "https://h/p#{a}                       | FRAGMENT",
        "https://h/p?{a}#{b}                   | QUERY_NAME FRAGMENT",
        "https://h/p?{a}&{b}={c}=&{d}          | QUERY_NAME QUERY_NAME QUERY_VALUE QUERY_NAME",
        "https://h/p?a={a}&b={b}#{c}           | QUERY_VALUE QUERY_VALUE FRAGMENT",
        "https://h/p#{a}/{b}?{c}={d}&{e}       | FRAGMENT FRAGMENT FRAGMENT FRAGMENT FRAGMENT",
        "https://h/{a}:{b}@{c}                 | PATH PATH PATH"})
    void theLiteralCharactersAroundAReferenceDecideItsComponent(String template, String components) {
        UrlTemplate url = UrlTemplate.compile(Template.parse(template));

        assertThat(url.components()).map(Enum::name).containsExactly(components.split(" "));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://api.example.com/users/{id}      | api.example.com",
        "https://api.example.com:8443/users/{id} | api.example.com",
        "https://api.example.com?id={id}         | api.example.com",
        "https://api.example.com#{id}            | api.example.com",
        "https://api.example.com                 | api.example.com",
        "https://ops@api.example.com/{id}        | api.example.com",
        "https://[::1]:8443/users/{id}           | [::1]"})
    void theLiteralHostIsTheHostWrittenBeforeThePath(String template, String host) {
        assertThat(UrlTemplate.compile(Template.parse(template)).literalHost()).contains(host);
    }

    @Test
    void aHostWithAnAttributeInItHasNoLiteralHost() {
        // Credentials for a fixed host (SPEC §11) are only allowed where this is known at load.
        assertThat(UrlTemplate.compile(Template.parse("https://{tenant}.api.example.com/v1")).literalHost()).isEmpty();
        assertThat(UrlTemplate.compile(Template.parse("https://api.example.com:{port}/v1")).literalHost()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "https://{tenant}.example.com/x     | true",
        "https://api.example.com:{port}/x   | true",
        "{{base}}{tenant}/x                 | true",
        "https://{{region}}.{tenant}.io/x   | true",
        "{{base}}/users/{id}                | false",
        "https://api.example.com/{{p}}/{id} | false",
        "https://api.example.com?{{q}}#{f}  | false",
        "https://api.example.com/{id}       | false",
        "https://api.example.com/x          | false"})
    void anAttributeInTheHostIsFoundBeforePlaceholdersAreResolved(String template, boolean inHost) {
        assertThat(UrlTemplate.hostHasAttribute(Template.parse(template))).isEqualTo(inHost);
    }

    @Test
    void aPlaceholderLeftUnresolvedIsAnErrorOfTheTemplate() {
        assertThatThrownBy(() -> UrlTemplate.compile(Template.parse("{{base}}/users/{id}")))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("{{base}} must be resolved");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        ".    | %2E",
        "..   | %2E%2E",
        "...  | ...",
        "..a  | ..a",
        "a.   | a."})
    void aWholeDotSegmentIsEncodedSoThatNormalisingThePathCannotDropASegment(String value, String encoded) {
        UrlTemplate url = UrlTemplate.compile(Template.parse("https://api.example.com/a/{p}/b?q={p}#{p}"));

        assertThat(url.render(TestScopes.user("p", value))).isEqualTo("https://api.example.com/a/" + encoded + "/b?q=" + value + "#" + value);
    }

    @Test
    void onlyUrlEncodeAsTheLastFilterMarksAValueAsEncodedAlready() {
        UrlTemplate url = UrlTemplate.compile(Template.parse("https://api.example.com/{p | lowercase}?q={p | url_encode | lowercase}"));

        assertThat(url.render(TestScopes.user("p", "100% A"))).isEqualTo("https://api.example.com/100%25%20a?q=100%2525%2Ba");
    }

    @Test
    void aQueryValueKeepsTheSlashesAndQuestionMarksAPathSegmentEncodes() {
        UrlTemplate url = UrlTemplate.compile(Template.parse("https://api.example.com/{p}?next={p}"));

        assertThat(url.render(TestScopes.user("p", "a/b?c"))).isEqualTo("https://api.example.com/a%2Fb%3Fc?next=a/b?c");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0177.0.0.1", "0x7f.0.0.1", "2130706433", "127.1"})
    void aNumericHostFormIsRefusedAlsoBesideAPortAndUserInformation(String host) {
        for (String template : List.of("https://{h}:8443/v1", "https://ops@{h}/v1", "https://ops@{h}:8443/v1")) {
            UrlTemplate url = UrlTemplate.compile(Template.parse(template));

            assertThatThrownBy(() -> url.render(TestScopes.user("h", host))).as(template)
                    .isInstanceOf(RenderException.class)
                    .hasMessageContaining("not in dotted-decimal form");
        }
    }

    @Test
    void onlyAbsoluteHttpUrlsWithAHostCompile() {
        assertThat(UrlTemplate.compile(Template.parse("HTTPS://api.example.com/{p}")).render(TestScopes.user("p", "x")))
                .isEqualTo("HTTPS://api.example.com/x");
        assertThat(UrlTemplate.compile(Template.parse("http://localhost:8080/{p}")).render(TestScopes.user("p", "x")))
                .isEqualTo("http://localhost:8080/x");
        assertThatThrownBy(() -> UrlTemplate.compile(Template.parse("ftp://files.example.com/{p}")))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("not an absolute http(s) URL");
        assertThatThrownBy(() -> UrlTemplate.compile(Template.parse("https:///{p}")))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("no valid host");
    }

    @Test
    void aHostAttributeThatRendersEmptyIsRefusedBeforeSending() {
        UrlTemplate url = UrlTemplate.compile(Template.parse("https://{a}{b}/v1"));

        assertThatThrownBy(() -> url.render(TestScopes.of("{\"user\": {\"a\": \"\", \"b\": \"\"}}")))
                .isInstanceOf(RenderException.class);
    }
}
