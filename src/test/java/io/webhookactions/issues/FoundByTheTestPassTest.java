package io.webhookactions.issues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.call.UpstreamResponse;
import io.webhookactions.definition.DefinitionError;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.definition.Placeholders;
import io.webhookactions.host.HostPolicy;
import io.webhookactions.http.RetryAfter;
import io.webhookactions.response.ResponseMapping;
import io.webhookactions.runtime.InvalidSettingException;
import io.webhookactions.runtime.Settings;
import io.webhookactions.runtime.SettingsReader;
import io.webhookactions.testing.Definitions;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Regressions found by the test pass of issue 11 (unit tests of the response package, host policy and Retry-After),
 * each named after what broke. Every one failed before its fix.
 */
class FoundByTheTestPassTest {

    @Test
    void anIpv4MappedDenyRangeCoversTheWholeIpv4Range() {
        HostPolicy policy = HostPolicy.of("", "::ffff:10.0.0.0/104");

        assertThat(policy.refusal("10.1.2.3")).contains("denied");
        assertThat(policy.refusal("10.255.255.255")).contains("denied");
        assertThat(policy.refusal("11.0.0.1")).isNull();
    }

    @Test
    void aHostPatternWithABadPrefixNamesItsKeyInsteadOfANumberFormatException() {
        for (String patterns : List.of("10.0.0.0/abc", "10.0.0.0/40", "10.0.0.0/-1", "example.com/8")) {
            SettingsReader settings = new SettingsReader(key -> key.equals("webhook.denied-hosts") ? Optional.of(patterns) : Optional.empty());

            assertThatThrownBy(() -> Settings.read(settings, name -> Optional.empty()))
                    .as(patterns).isInstanceOf(InvalidSettingException.class)
                    .hasMessageStartingWith("webhook.denied-hosts: '" + patterns + "' is not a list of host patterns: ");
        }
        List<DefinitionError> errors = new DefinitionLoader().load(("{\"name\": \"a\", \"url\": \"https://{user.host}/x\","
                + " \"authentication\": {\"type\": \"header\", \"headers\": {\"X-Key\": \"k\"}, \"allowed_hosts\": [\"10.0.0.0/99\"]}}")
                .getBytes(StandardCharsets.UTF_8), "a.webhook.json", null).errors();
        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.pointer()).isEqualTo("/authentication/allowed_hosts/0");
            assertThat(error.reason()).isEqualTo("'10.0.0.0/99' needs a prefix length from 0 to 32");
        });
    }

    @Test
    void anOAuth2TokenUrlWhoseHostIsAnAttributeIsALoadErrorSoTheClientSecretCannotBeSentWhereACallerPoints() {
        String definition = "{\"name\": \"a\", \"url\": \"https://api.example.com/x\", \"authentication\": {\"type\":"
                + " \"oauth2_client_credentials\", \"token_url\": \"TOKEN_URL\", \"client_id\": \"c\","
                + " \"client_secret\": \"{secret.s}\"}}";
        DefinitionLoader loader = new DefinitionLoader(Placeholders.of(Map.of("auth.base", "https://auth.example.com")::get), null);

        List<DefinitionError> errors = loader.load(definition.replace("TOKEN_URL", "https://{user.tenant}/oauth/token")
                .getBytes(StandardCharsets.UTF_8), "a.webhook.json", null).errors();

        assertThat(errors).singleElement().satisfies(error -> {
            assertThat(error.pointer()).isEqualTo("/authentication/token_url");
            assertThat(error.reason()).startsWith("the host must be written literally or as a {{property}}, so the client secret");
        });
        for (String fixed : List.of("{{auth.base}}/oauth/token", "https://auth.example.com/{user.tenant}/token")) {
            assertThat(loader.load(definition.replace("TOKEN_URL", fixed).getBytes(StandardCharsets.UTF_8), "a.webhook.json", null)
                    .errors()).as(fixed).isEmpty();
        }
    }

    @Test
    void aHugeRetryAfterWaitsADayAtMostInsteadOfRetryingAtOnce() {
        assertThat(RetryAfter.millis("9223372036854775807")).isEqualTo(86_400_000L);
        assertThat(RetryAfter.millis("18446744073709552")).isEqualTo(86_400_000L);
        assertThat(RetryAfter.millis("120")).isEqualTo(120_000L);
    }

    @Test
    void retryAfterReadsTheTwoObsoleteHttpDateForms() {
        ZonedDateTime inAMinute = ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(60);
        String rfc850 = DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US).format(inAMinute);
        String asctime = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).format(inAMinute);

        assertThat(RetryAfter.millis(rfc850)).as(rfc850).isBetween(50_000L, 61_000L);
        assertThat(RetryAfter.millis(asctime)).as(asctime).isBetween(50_000L, 61_000L);
    }

    @Test
    void aNegatedSuccessExpressionIsNotTrueForABodyThatIsNotJson() {
        ResponseMapping mapping = ResponseMapping.of(Definitions.plan("success_negated"), AttributeTypes.none());

        ResponseMapping.Mapped html = mapping.map(new UpstreamResponse(200, Map.of("Content-Type", "text/html"),
                "<html>maintenance</html>".getBytes(StandardCharsets.UTF_8)));
        ResponseMapping.Mapped json = mapping.map(new UpstreamResponse(200, Map.of(), "{\"ok\": true}".getBytes(StandardCharsets.UTF_8)));

        assertThat(html.success()).isFalse();
        assertThat(json.success()).as("no error field: !error is true").isTrue();
    }

    @Test
    void aLegacyErrorGivenAsTextKeepsItsMessage() {
        ResponseMapping mapping = ResponseMapping.of(Definitions.plan("legacy_lookup_plain"), AttributeTypes.none());

        ResponseMapping.Mapped mapped = mapping.map(new UpstreamResponse(200, Map.of(),
                "{\"successful\": false, \"errors\": \"card declined\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(mapped.error()).isEqualTo("card declined");
    }
}
