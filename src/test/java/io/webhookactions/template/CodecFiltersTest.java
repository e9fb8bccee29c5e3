package io.webhookactions.template;

import static io.webhookactions.template.TestScopes.render;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The encoding filters {@code url_encode}, {@code url_decode} and {@code base64} as a template renders them. */
class CodecFiltersTest {

    private static String renderS(String template, String s) {
        return Template.parse(template).render(TestScopes.user("s", s));
    }

    @ParameterizedTest(name = "base64 -d of {0} -> {1}")
    @CsvSource({
        "Pz8/,        ???",
        "Pj4+,        >>>",
        "Pz8_,        ???",
        "Pj4-,        >>>",
        "aGVsbG8,     hello",
        "'  aGVsbG8=  ', hello",
    })
    void base64DecodesStandardAndUrlSafeBase64(String encoded, String decoded) {
        assertThat(renderS("{s | base64 -d}", encoded)).isEqualTo(decoded);
    }

    @Test
    void base64DecodesLineWrappedBase64() {
        assertThat(renderS("{s | base64 -d}", "SGVsbG8sIFdv\r\ncmxkIQ==")).isEqualTo("Hello, World!");
    }

    @Test
    void base64DecodingBytesThatAreNotUtf8GivesBytes() {
        assertThat(renderS("{s | base64 -d | hex}", "/wA=")).isEqualTo("ff00");
        assertThat(renderS("{s | base64 -d}", "/wA=")).isEqualTo("/wA=");
    }

    @Test
    void base64InputThatIsNotBase64DecodesToTheEmptyText() {
        assertThat(renderS("{s | base64 -d | json}", "not*base64")).isEqualTo("\"\"");
        assertThat(renderS("{s | base64 -d | json}", "a-b+c")).isEqualTo("\"\"");
    }

    @Test
    void base64EncodesBytesAsTheyAre() {
        assertThat(renderS("{s | md5 | base64}", "hello")).isEqualTo("XUFAKrxLKna5cZ2REBfFkg==");
        assertThat(renderS("{s | base64 -d | base64}", "/wA=")).isEqualTo("/wA=");
    }

    @ParameterizedTest(name = "{0} of a missing attribute stays missing")
    @CsvSource({"base64", "base64 -e", "base64 -d", "url_encode", "url_encode true", "url_decode"})
    void aMissingAttributeStaysMissing(String filter) {
        assertThat(render("{s | " + filter + " | json}", "{}")).isEqualTo("null");
    }

    @ParameterizedTest(name = "{0} of an empty text is an empty text")
    @CsvSource({"base64", "base64 -d", "url_encode", "url_decode"})
    void anEmptyTextStaysAnEmptyText(String filter) {
        assertThat(renderS("{s | " + filter + " | json}", "")).isEqualTo("\"\"");
    }

    @ParameterizedTest(name = "url_encode {0} -> {1}, url_encode true -> {2}")
    @CsvSource({
        "a+b,  a%2Bb, a%2Bb",
        "~*,   %7E*,  ~%2A",
        "-._,  -._,   -._",
        "é,    %C3%A9, %C3%A9",
    })
    void urlEncodeIsFormEncodingByDefaultAndRfc3986WithTrue(String text, String form, String rfc3986) {
        assertThat(renderS("{s | url_encode}", text)).isEqualTo(form);
        assertThat(renderS("{s | url_encode true}", text)).isEqualTo(rfc3986);
    }

    @Test
    void numbersAreEncodedAndDecodedAsTheirText() {
        assertThat(render("{n | url_encode}", "{\"n\": 1.50}")).isEqualTo("1.5");
        assertThat(render("{n | url_decode}", "{\"n\": 5}")).isEqualTo("5");
        assertThat(render("{n | base64}", "{\"n\": 5}")).isEqualTo("NQ==");
    }

    @Test
    void urlEncodeAcceptsOnlyTrue() {
        assertThatThrownBy(() -> Template.parse("{s | url_encode yes}"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("filter \"url_encode\": \"yes\" is not understood; the only argument is true (RFC 3986)"
                        + "; write: url_encode [true]");
    }

    @Test
    void base64AcceptsOnlyItsTwoModes() {
        assertThatThrownBy(() -> Template.parse("{s | base64 -x}"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("\"-x\" is not a mode; use -e (encode) or -d (decode)");
    }

    @ParameterizedTest(name = "{0} must be written literally")
    @CsvSource({"base64 @user.mode", "url_encode @user.flag"})
    void modeArgumentsMustBeWrittenLiterally(String filter) {
        assertThatThrownBy(() -> Template.parse("{s | " + filter + "}"))
                .isInstanceOf(TemplateSyntaxException.class)
                .hasMessageContaining("this argument must be written literally, not read from an attribute");
    }
}
