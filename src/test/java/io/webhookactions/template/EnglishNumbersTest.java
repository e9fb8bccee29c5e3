package io.webhookactions.template;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numbers in English words through {@code number_to_words}, {@code ordinal} and {@code ordinal_words}. */
class EnglishNumbersTest {

    private static String render(String template, String n) {
        return Template.parse(template).render(TestScopes.of("{\"user\": {\"n\": " + n + "}}"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "19;          nineteen",
        "20;          twenty",
        "99;          ninety-nine",
        "101;         one hundred and one",
        "110;         one hundred and ten",
        "1000;        one thousand",
        "1001;        one thousand one",
        "1000000;     one million",
        "2000005;     two million five",
        "21000000000; twenty-one billion",
        "-1000000;    minus one million",
        "999999999999999999; nine hundred and ninety-nine quadrillion nine hundred and ninety-nine trillion"
                + " nine hundred and ninety-nine billion nine hundred and ninety-nine million"
                + " nine hundred and ninety-nine thousand nine hundred and ninety-nine",
    })
    void wholeNumbersInWords(String n, String words) {
        assertThat(render("{n | number_to_words}", n)).isEqualTo(words);
    }

    @ParameterizedTest(name = "{0} is written in digits")
    @CsvSource({"1000000000000000000", "9223372036854775807", "9223372036854775808", "18446744073709551616"})
    void numbersFromAQuintillionOnAreWrittenInDigits(String n) {
        assertThat(render("{n | number_to_words}", n)).isEqualTo(n);
        assertThat(render("{n | ordinal_words}", n)).isEqualTo(n);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "0.05;    zero point zero five",
        "-0.5;    minus zero point five",
        "2.50;    two point five",
        "12.0;    twelve",
        "\"1e3\"; one thousand",
    })
    void decimalsAreReadDigitByDigitAfterThePoint(String n, String words) {
        assertThat(render("{n | number_to_words}", n)).isEqualTo(words);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "0;       zeroth",
        "-3;      minus third",
        "11;      eleventh",
        "70;      seventieth",
        "101;     one hundred and first",
        "112;     one hundred and twelfth",
        "1000000; one millionth",
        "\"7.0\"; seventh",
    })
    void ordinalWords(String n, String words) {
        assertThat(render("{n | ordinal_words}", n)).isEqualTo(words);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', value = {
        "0;    0th",
        "-1;   -1st",
        "-11;  -11th",
        "112;  112th",
        "1002; 1002nd",
        "1003; 1003rd",
    })
    void ordinalSuffixes(String n, String ordinal) {
        assertThat(render("{n | ordinal}", n)).isEqualTo(ordinal);
    }
}
