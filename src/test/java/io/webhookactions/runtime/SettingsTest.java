package io.webhookactions.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.attribute.AttributeType;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.InvalidDefinitionException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * SPEC §8: every {@code webhook.*} setting is read once, through Camel's property resolution, into
 * {@link Settings}; a value that cannot be used names its key.
 */
class SettingsTest {

    @TempDir
    Path dir;

    private CamelContext camel;

    @BeforeEach
    void camel() {
        camel = new DefaultCamelContext();
        camel.getPropertiesComponent().addInitialProperty("webhook.attributes-file", dir.resolve("absent.json").toString());
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    private void property(String key, String value) {
        camel.getPropertiesComponent().addInitialProperty(key, value);
    }

    private Settings read() {
        return Settings.read(WebhookActions.settingsOf(camel), SecretSource.none());
    }

    @Test
    void aMalformedNumberNamesItsKeyAndValue() {
        property("webhook.max-response-bytes", "ten");

        assertThatThrownBy(this::read).isInstanceOf(InvalidSettingException.class)
                .hasMessage("webhook.max-response-bytes: 'ten' is not a number");
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "webhook.max-response-bytes              | 0       | webhook.max-response-bytes: '0' is not between 1 and 9223372036854775807",
        "webhook.max-response-header-bytes       | 1023    | webhook.max-response-header-bytes: '1023' is not between 1024 and 2147483647",
        "webhook.max-rendered-bytes              | 1 MiB   | webhook.max-rendered-bytes: '1 MiB' is not a number",
        "webhook.default-timeout-ms              | 300001  | webhook.default-timeout-ms: '300001' is not between 1 and 300000",
        "webhook.default-timeout-ms              | 2.5     | webhook.default-timeout-ms: '2.5' is not a number",
        "webhook.oauth2.refresh-margin-seconds   | -1      | webhook.oauth2.refresh-margin-seconds: '-1' is not between 0 and 86400",
    })
    void anUnusableValueNamesItsKeyAndWhatIsExpected(String key, String value, String message) {
        property(key, value);

        assertThatThrownBy(this::read).isInstanceOf(InvalidSettingException.class).hasMessage(message);
    }

    @Test
    void withoutPropertiesEveryDefaultApplies() {
        Settings settings = read();

        assertThat(settings.maxResponseBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(settings.maxResponseHeaderBytes()).isEqualTo(65_536);
        assertThat(settings.maxRenderedBytes()).isEqualTo(1024 * 1024);
        assertThat(settings.defaultTimeoutMs()).isEqualTo(10_000);
        assertThat(settings.refreshMargin()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.types().size()).isZero();
        assertThat(settings.hosts().refusal("169.254.169.254")).isEqualTo("host 169.254.169.254 is denied by webhook.denied-hosts");
        assertThat(settings.hosts().refusal("api.example.com")).isNull();
    }

    @Test
    void everySettingIsReadFromTheProperties() throws IOException {
        Path types = Files.writeString(dir.resolve("attributes.json"), "{\"age\": \"int\"}");
        property("webhook.attributes-file", types.toString());
        property("webhook.max-response-bytes", "2_048");
        property("webhook.max-response-header-bytes", " 4096 ");
        property("webhook.max-rendered-bytes", "8192");
        property("webhook.default-timeout-ms", "500");
        property("webhook.oauth2.refresh-margin-seconds", "0");
        property("webhook.allowed-hosts", "*.example.com");
        property("webhook.denied-hosts", "secret.example.com");

        Settings settings = read();

        assertThat(settings.maxResponseBytes()).isEqualTo(2048);
        assertThat(settings.maxResponseHeaderBytes()).isEqualTo(4096);
        assertThat(settings.maxRenderedBytes()).isEqualTo(8192);
        assertThat(settings.defaultTimeoutMs()).isEqualTo(500);
        assertThat(settings.refreshMargin()).isEqualTo(Duration.ZERO);
        assertThat(settings.types().typeOf(Context.USER, "age")).contains(AttributeType.INT);
        assertThat(settings.hosts().refusal("api.example.com")).isNull();
        assertThat(settings.hosts().refusal("secret.example.com")).isEqualTo("host secret.example.com is denied by webhook.denied-hosts");
        assertThat(settings.hosts().refusal("169.254.169.254")).as("a denied list replaces the default one")
                .isEqualTo("host 169.254.169.254 is not in webhook.allowed-hosts");
    }

    @Test
    void aValueMayItselfBeAPropertyPlaceholderAsEverywhereInCamel() {
        property("limits.response", "4096");
        property("webhook.max-response-bytes", "{{limits.response}}");

        assertThat(read().maxResponseBytes()).isEqualTo(4096);
    }

    @Test
    void anInvalidAttributeTypesFileFailsWithItsErrors() throws IOException {
        Path types = Files.writeString(dir.resolve("attributes.json"), "{\"age\": \"integer\"}");
        property("webhook.attributes-file", types.toString());

        assertThatThrownBy(this::read).isInstanceOf(InvalidDefinitionException.class).hasMessageContaining("/age");
    }

    @Test
    void theSecretSourceGivenIsUsed() {
        SecretSource source = name -> Optional.ofNullable(Map.of("k", "v").get(name));

        Settings settings = Settings.read(WebhookActions.settingsOf(camel), source);

        assertThat(settings.secrets()).isSameAs(source);
    }
}
