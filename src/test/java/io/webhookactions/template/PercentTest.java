package io.webhookactions.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Percent-encoding of URL values (SPEC §3 "URL", §11): a value never adds a separator to the URL. */
class PercentTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "z", "A", "Z", "0", "9", "azAZ09", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"})
    void lettersAndDigitsAreLeftAsTheyAre(String text) {
        assertThat(Percent.encode(text, "")).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "`|%60", "{|%7B", "@|%40", "[|%5B", "/|%2F", ":|%3A", "?|%3F", "'#'|%23", "&|%26", "=|%3D", "+|%2B", "%|%25", "' '|%20",
        "~|%7E", ".|%2E", "-|%2D", "_|%5F"})
    void everyOtherAsciiCharacterIsEncodedWhenNotKept(String character, String encoded) {
        assertThat(Percent.encode(character, "")).isEqualTo(encoded);
    }

    @Test
    void controlCharactersAreEncodedSoAValueCannotEndAHeaderLine() {
        assertThat(Percent.encode("a\r\nX-Injected: 1\u0000", "")).isEqualTo("a%0D%0AX%2DInjected%3A%201%00");
        assertThat(Percent.encode("\u007f", "")).isEqualTo("%7F");
    }

    @Test
    void keptCharactersAreLeftAsTheyAre() {
        assertThat(Percent.encode("a-b.c_d~e", Percent.UNRESERVED)).isEqualTo("a-b.c_d~e");
        assertThat(Percent.encode("\u007f", "\u007f")).as("the last ASCII character may be kept").isEqualTo("\u007f");
    }

    @Test
    void aNonAsciiCharacterIsEncodedEvenWhenAskedToBeKept() {
        assertThat(Percent.encode("\u0080", "\u0080")).isEqualTo("%C2%80");
        assertThat(Percent.encode("é", "é")).isEqualTo("%C3%A9");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "é|%C3%A9", "日本|%E6%97%A5%E6%9C%AC", "\u07ff|%DF%BF", "\uffff|%EF%BF%BF", "😀|%F0%9F%98%80", "ÿ|%C3%BF"})
    void nonAsciiTextIsEncodedAsUtf8BytesInUpperCaseHex(String text, String encoded) {
        assertThat(Percent.encode(text, "")).isEqualTo(encoded);
    }

    @Test
    void textAroundAnEncodedCharacterIsKeptInOrder() {
        assertThat(Percent.encode("ab c/d", "")).isEqualTo("ab%20c%2Fd");
        assertThat(Percent.encode("😀x😀", "")).isEqualTo("%F0%9F%98%80x%F0%9F%98%80");
        assertThat(Percent.encode("x😀", "")).isEqualTo("x%F0%9F%98%80");
    }

    @Test
    void aLoneSurrogateBecomesAnEncodedQuestionMarkAndNothingIsLost() {
        assertThat(Percent.encode("\uD83D", "")).isEqualTo("%3F");
        assertThat(Percent.encode("a\uD83D", "")).isEqualTo("a%3F");
        assertThat(Percent.encode("\uDE00b", "")).isEqualTo("%3Fb");
    }

    @Test
    void textWithNothingToEncodeIsReturnedUnchanged() {
        String text = "already-fine.value_1~";

        assertThat(Percent.encode(text, Percent.UNRESERVED)).isSameAs(text);
        assertThat(Percent.encode("", "")).isEmpty();
    }

    @Test
    void aPathSegmentNeverKeepsASlashQuestionMarkOrHash() {
        assertThat(Percent.encode("../a?b#c", Percent.PATH_SEGMENT)).isEqualTo("..%2Fa%3Fb%23c");
        assertThat(Percent.encode("!$'()*,;:@", Percent.PATH_SEGMENT)).isEqualTo("!$'()*,;:@");
    }

    @Test
    void aQueryComponentNeverKeepsAnAmpersandEqualsPlusOrHash() {
        assertThat(Percent.encode("a&b=c+d#e", Percent.QUERY_COMPONENT)).isEqualTo("a%26b%3Dc%2Bd%23e");
        assertThat(Percent.encode("/?:@", Percent.QUERY_COMPONENT)).isEqualTo("/?:@");
    }

    @Test
    void everyCharacterDecodesBackToItself() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x800; c++) {
            all.append(c);
        }
        String text = all + "😀日本";

        String encoded = Percent.encode(text, "");

        assertThat(encoded).matches("[A-Za-z0-9%]*");
        assertThat(URLDecoder.decode(encoded, StandardCharsets.UTF_8)).isEqualTo(text);
    }
}
