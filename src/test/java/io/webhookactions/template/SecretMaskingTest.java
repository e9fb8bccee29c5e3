package io.webhookactions.template;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.SecretSource;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Secrets render as the mask everywhere except the unmasked scope authentication builds requests with. */
class SecretMaskingTest {

    private final AttributeScope masked = TestScopes.of("{}", AttributeTypes.none(), Map.of("api_token", "s3cr3t-value"));

    @Test
    void secretRendersMaskedByDefault() {
        assertThat(Template.parse("Bearer {secret.api_token}").render(masked)).isEqualTo("Bearer " + SecretSource.MASK);
    }

    @Test
    void unmaskedScopeRendersTheSecret() {
        assertThat(Template.parse("Bearer {secret.api_token}").render(masked.unmasked())).isEqualTo("Bearer s3cr3t-value");
    }

    @Test
    void derivedValuesInAMaskedRenderNeverComeFromTheSecret() {
        Template signature = Template.parse("{msg | hmac sha256 @secret.api_token | hex}");

        String shown = signature.render(masked);
        String real = signature.render(masked.unmasked());

        assertThat(shown).isNotEqualTo(real);
        assertThat(shown).isEqualTo(Template.parse("{msg | hmac sha256 \"" + SecretSource.MASK + "\" | hex}").render(masked));
    }

    @Test
    void unknownSecretRendersEmpty() {
        assertThat(Template.parse("[{secret.nope}]").render(masked.unmasked())).isEqualTo("[]");
    }
}
