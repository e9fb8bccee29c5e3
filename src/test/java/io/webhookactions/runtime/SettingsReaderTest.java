package io.webhookactions.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Typed reads of settings by key: fallbacks for undefined or blank values, and messages that name the key. */
class SettingsReaderTest {

    private static SettingsReader reading(String key, String value) {
        return new SettingsReader(k -> Optional.ofNullable(Map.of(key, value).get(k)));
    }

    @Test
    void aMalformedNumberNamesItsKey() {
        assertThatThrownBy(() -> reading("webhook.max-response-bytes", "ten").number("webhook.max-response-bytes", 1, 1, 100))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("webhook.max-response-bytes: 'ten' is not a number");
    }

    @Test
    void aNumberOutOfRangeSaysTheRange() {
        assertThatThrownBy(() -> reading("k", "101").number("k", 1, 1, 100)).hasMessage("k: '101' is not between 1 and 100");
        assertThatThrownBy(() -> reading("k", "0").number("k", 1, 1, 100)).hasMessage("k: '0' is not between 1 and 100");
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {"1 | 1", "100 | 100", "' 42 ' | 42", "1_000 | 1000"})
    void aNumberMayBePaddedAndGroupedWithUnderscores(String value, long expected) {
        assertThat(reading("k", value).number("k", 7, 1, 10_000)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "  "})
    void aBlankValueFallsBack(String value) {
        SettingsReader reader = reading("k", value);

        assertThat(reader.number("k", 7, 1, 100)).isEqualTo(7);
        assertThat(reader.text("k", "fallback")).isEqualTo("fallback");
        assertThat(reader.flag("k", true)).isTrue();
        assertThat(reader.text("k")).isEmpty();
    }

    @Test
    void anUndefinedKeyFallsBack() {
        SettingsReader reader = reading("other", "1");

        assertThat(reader.integer("k", 7, 1, 100)).isEqualTo(7);
        assertThat(reader.text("k", "fallback")).isEqualTo("fallback");
        assertThat(reader.flag("k", false)).isFalse();
    }

    @Test
    void textIsStripped() {
        assertThat(reading("k", "  value \t").text("k")).contains("value");
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource({"true, true", "TRUE, true", "False, false", "' false ', false"})
    void aFlagIsTrueOrFalseInAnyCase(String value, boolean expected) {
        assertThat(reading("k", value).flag("k", !expected)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"yes", "1", "on", "truthy"})
    void anythingElseIsNotAFlag(String value) {
        assertThatThrownBy(() -> reading("webhook.history.enabled", value).flag("webhook.history.enabled", true))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("webhook.history.enabled: '" + value + "' is not true or false");
    }
}
