package io.webhookactions.perimeter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.webhookactions.WebhookActionException;
import io.webhookactions.runtime.SettingsReader;
import io.webhookactions.testing.TestIssuer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How the service's API is guarded (SPEC §10), as read from its settings at start. */
class PerimeterSettingsTest {

    @TempDir
    Path dir;

    private static PerimeterSettings read(Map<String, String> properties) {
        return PerimeterSettings.read(new SettingsReader(key -> Optional.ofNullable(properties.get(key))));
    }

    private static PerimeterSettings boundTo(String host) {
        return read(Map.of("camel.server.host", host));
    }

    @Test
    void withoutSettingsTheApiListensOnLoopbackPort8080WithoutTokens() {
        PerimeterSettings settings = read(Map.of());

        assertThat(settings.bindHost()).isEqualTo("127.0.0.1").isEqualTo(PerimeterSettings.DEFAULT_HOST);
        assertThat(settings.port()).isEqualTo(8080);
        assertThat(settings.keys().file()).isEqualTo(Path.of("config/api-keys.json"));
        assertThat(settings.oidc()).isNull();
        assertThat(settings.allowedOrigins()).isEmpty();
        assertThat(settings.allowedHosts()).isEmpty();
        assertThat(settings.tls()).isFalse();
        assertThat(settings.maxConcurrent()).isEqualTo(64);
        assertThat(settings.maxPipelineActions()).isEqualTo(20);
        assertThat(settings.loopbackOnly()).isTrue();
    }

    @Test
    void everySettingIsRead() {
        PerimeterSettings settings = read(Map.of("camel.server.host", "0.0.0.0", "camel.server.port", "9090",
                "webhook.api.keys-file", dir.resolve("keys.json").toString(),
                "webhook.api.allowed-origins", " https://panel.example.com ,, https://other.example.com,",
                "webhook.api.allowed-hosts", "Panel.Example.COM, api.example.com ",
                "webhook.api.tls.keystore-secret", "api-tls",
                "webhook.executions.max-concurrent", "8", "webhook.pipelines.max-actions", "5"));

        assertThat(settings.bindHost()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(9090);
        assertThat(settings.keys().file()).isEqualTo(dir.resolve("keys.json"));
        assertThat(settings.allowedOrigins()).containsExactly("https://panel.example.com", "https://other.example.com");
        assertThat(settings.allowedHosts()).as("host names compare in lower case")
                .containsExactly("panel.example.com", "api.example.com");
        assertThat(settings.tls()).isTrue();
        assertThat(settings.maxConcurrent()).isEqualTo(8);
        assertThat(settings.maxPipelineActions()).isEqualTo(5);
    }

    @Test
    void outOfRangeNumbersAreRefusedWithTheirKey() {
        assertThatThrownBy(() -> read(Map.of("camel.server.port", "65536"))).hasMessageStartingWith("camel.server.port: '65536'");
        assertThatThrownBy(() -> read(Map.of("webhook.executions.max-concurrent", "0")))
                .hasMessageStartingWith("webhook.executions.max-concurrent: '0'");
        assertThatThrownBy(() -> read(Map.of("webhook.executions.max-concurrent", "10001")))
                .hasMessageStartingWith("webhook.executions.max-concurrent: '10001'");
        assertThatThrownBy(() -> read(Map.of("webhook.pipelines.max-actions", "0"))).hasMessageStartingWith("webhook.pipelines.max-actions: '0'");
        assertThatThrownBy(() -> read(Map.of("webhook.pipelines.max-actions", "1001")))
                .hasMessageStartingWith("webhook.pipelines.max-actions: '1001'");
        assertThat(read(Map.of("camel.server.port", "0", "webhook.executions.max-concurrent", "10000",
                "webhook.pipelines.max-actions", "1000")).maxPipelineActions()).isEqualTo(1000);
    }

    @Test
    void listedHostsAndOriginsCannotBeChangedAfterStart() {
        PerimeterSettings settings = new PerimeterSettings("127.0.0.1", 8080, new ApiKeyStore(dir.resolve("k.json")), null,
                new java.util.ArrayList<>(List.of("https://a.example")), new java.util.ArrayList<>(List.of("A.example")), false, 1, 1);

        assertThatThrownBy(() -> settings.allowedOrigins().add("https://evil.example")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> settings.allowedHosts().add("evil.example")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(settings.allowedHosts()).containsExactly("a.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.0.0.2", "127.255.255.254", "localhost", "LocalHost", "::1", "[::1]"})
    void aLoopbackBindAddressOnlyAcceptsThisMachine(String host) {
        assertThat(boundTo(host).loopbackOnly()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "128.0.0.1", "1.127.0.0", "example.com", "localhost.example.com",
        "127.attacker.example", "127.0.0.1.attacker.example", "127.example", "::2", "[::2]", "myhost"})
    void anyOtherBindAddressIsReachableFromOtherMachines(String host) {
        assertThat(boundTo(host).loopbackOnly()).isFalse();
    }

    @Test
    void aWildcardBindIsShownAsLocalhost() {
        assertThat(boundTo("0.0.0.0").displayHost()).isEqualTo("localhost");
        assertThat(boundTo("::").displayHost()).isEqualTo("localhost");
        assertThat(boundTo("127.0.0.1").displayHost()).isEqualTo("127.0.0.1");
        assertThat(boundTo("api.example.com").displayHost()).isEqualTo("api.example.com");
    }

    @Test
    void tokensAreNeededOnceAKeyExists() {
        Map<String, String> properties = Map.of("webhook.api.keys-file", dir.resolve("keys.json").toString());
        assertThat(read(properties).authApplies()).isFalse();

        new ApiKeyStore(dir.resolve("keys.json")).create("admin", Role.ADMIN, List.of());

        assertThat(read(properties).authApplies()).isTrue();
    }

    @Test
    void tokensAreNeededWhenOidcIsConfiguredEvenWithoutKeys() throws Exception {
        Map<String, String> properties = new HashMap<>(oidc());
        properties.put("webhook.api.keys-file", dir.resolve("none.json").toString());

        PerimeterSettings settings = read(properties);

        assertThat(settings.oidc()).isNotNull();
        assertThat(settings.keys().hasKeys()).isFalse();
        assertThat(settings.authApplies()).isTrue();
    }

    private static Map<String, String> oidc() {
        return Map.of("webhook.api.oidc.issuer", TestIssuer.ISSUER, "webhook.api.oidc.jwks-url", "http://127.0.0.1:9/jwks",
                "webhook.api.oidc.audience", TestIssuer.AUDIENCE);
    }

    @Test
    void oidcNeedsAJwksUrlAndAnAudience() {
        Map<String, String> noJwks = new HashMap<>(oidc());
        noJwks.remove("webhook.api.oidc.jwks-url");
        Map<String, String> noAudience = new HashMap<>(oidc());
        noAudience.remove("webhook.api.oidc.audience");
        Map<String, String> badUrl = new HashMap<>(oidc());
        badUrl.put("webhook.api.oidc.jwks-url", "not a url");
        Map<String, String> notAbsolute = new HashMap<>(oidc());
        notAbsolute.put("webhook.api.oidc.jwks-url", "/jwks");

        assertThatThrownBy(() -> read(noJwks)).isInstanceOf(WebhookActionException.class)
                .hasMessage("webhook.api.oidc.issuer is set but webhook.api.oidc.jwks-url is not; set it to the issuer's JWKS URL");
        assertThatThrownBy(() -> read(noAudience)).isInstanceOf(WebhookActionException.class)
                .hasMessage("webhook.api.oidc.issuer is set but webhook.api.oidc.audience is not; set it to the audience tokens are"
                        + " issued for");
        assertThatThrownBy(() -> read(badUrl)).isInstanceOf(WebhookActionException.class)
                .hasMessage("webhook.api.oidc.jwks-url: 'not a url' is not a URL");
        assertThatThrownBy(() -> read(notAbsolute)).isInstanceOf(WebhookActionException.class)
                .hasMessage("webhook.api.oidc.jwks-url: '/jwks' is not a URL");
    }

    @Test
    void oidcRolesAreReadFromTheRolesClaimUnlessAnotherIsNamed() throws Exception {
        try (TestIssuer issuer = new TestIssuer()) {
            Map<String, String> properties = new HashMap<>(oidc());
            properties.put("webhook.api.oidc.jwks-url", issuer.jwksUrl());
            String rolesToken = issuer.rs256(TestIssuer.claims("roles", List.of("tester")).build());
            String groupsToken = issuer.rs256(TestIssuer.claims("groups", List.of("tester")).build());

            OidcTokens byDefault = read(properties).oidc();
            properties.put("webhook.api.oidc.roles-claim", "groups");
            OidcTokens named = read(properties).oidc();

            assertThat(byDefault.verify(rolesToken)).isInstanceOf(OidcTokens.Verdict.Accepted.class);
            assertThat(byDefault.verify(groupsToken)).isInstanceOf(OidcTokens.Verdict.NoRole.class);
            assertThat(named.verify(groupsToken)).isInstanceOf(OidcTokens.Verdict.Accepted.class);
        }
    }
}
