package io.webhookactions.attribute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC §11: every secret value an execution used, and its base64 forms, is replaced by the mask in what the
 * execution shows or keeps; values too short to protect anything are left alone.
 */
class SecretValuesTest {

    private static final String MASK = SecretSource.MASK;

    private static SecretValues of(String... values) {
        SecretValues secrets = new SecretValues();
        secrets.addAll(List.of(values));
        return secrets;
    }

    private static String base64(String value) {
        return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64Url(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSecretIsMaskedWhereverItAppears() {
        SecretValues secrets = of("hunter22");

        assertThat(secrets.scrub("token=hunter22; again hunter22.")).isEqualTo("token=" + MASK + "; again " + MASK + ".");
    }

    @Test
    void textWithoutASecretIsReturnedAsItIs() {
        SecretValues secrets = of("hunter22");
        String text = "nothing to hide";

        assertThat(secrets.scrub(text)).isSameAs(text);
        assertThat(secrets.scrub(null)).isNull();
    }

    @Test
    void withoutSecretsNothingIsChanged() {
        SecretValues secrets = new SecretValues();
        String text = "hunter22";

        assertThat(secrets.isEmpty()).isTrue();
        assertThat(secrets.scrub(text)).isSameAs(text);
        assertThat(secrets.scrub(null)).isNull();
    }

    @Test
    void theStandardAndUrlSafeBase64FormsOfASecretAreMaskedToo() {
        // 13 characters and bytes that encode to '+' and '/': the two base64 alphabets and paddings differ.
        String secret = "s3cret-Value!\u00fb\u00ff";
        assertThat(base64(secret)).isNotEqualTo(base64Url(secret));
        SecretValues secrets = of(secret);

        assertThat(secrets.scrub("Basic " + base64(secret))).isEqualTo("Basic " + MASK);
        assertThat(secrets.scrub("jwt." + base64Url(secret) + ".sig")).isEqualTo("jwt." + MASK + ".sig");
    }

    @Test
    void aSecretOfFourCharactersIsMaskedButAShorterOneIsNot() {
        SecretValues secrets = of("abc", "wxyz");

        assertThat(secrets.scrub("abc wxyz")).isEqualTo("abc " + MASK);
        assertThat(of("abc").isEmpty()).as("a value too short is not remembered").isTrue();
        assertThat(of("abc").scrub(base64("abc"))).isEqualTo(base64("abc"));
        assertThat(SecretValues.MIN_LENGTH).isEqualTo(4);
    }

    @Test
    void aMissingValueIsIgnored() {
        SecretValues secrets = new SecretValues();

        secrets.add(null);

        assertThat(secrets.isEmpty()).isTrue();
    }

    @Test
    void aLongerSecretHoldingAShorterOneIsMaskedWhole() {
        for (int i = 0; i < 32; i++) {
            String shorter = "pass" + i;
            String longer = shorter + "-and-more";
            SecretValues secrets = of(shorter, longer);

            assertThat(secrets.scrub("x " + longer + " y " + shorter)).isEqualTo("x " + MASK + " y " + MASK);
        }
    }

    @Test
    void aSecretAddedAfterAScrubIsMaskedFromThenOn() {
        SecretValues secrets = of("first-secret");
        assertThat(secrets.scrub("first-secret second-secret")).isEqualTo(MASK + " second-secret");

        secrets.add("second-secret");

        assertThat(secrets.scrub("first-secret second-secret")).isEqualTo(MASK + " " + MASK);
        assertThat(secrets.scrub(base64("second-secret"))).isEqualTo(MASK);
    }

    @Test
    void addingTheSameSecretTwiceChangesNothing() {
        SecretValues secrets = of("same-secret", "same-secret");

        assertThat(secrets.scrub("same-secret " + base64("same-secret"))).isEqualTo(MASK + " " + MASK);
    }
}
