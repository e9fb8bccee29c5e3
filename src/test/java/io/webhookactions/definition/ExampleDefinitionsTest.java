package io.webhookactions.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.app.ConfigProperties;
import io.webhookactions.attribute.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped examples in {@code routes/} load, and between them cover every feature the README shows. */
class ExampleDefinitionsTest {

    private static Map<String, WebhookActionDefinition> examples;

    @BeforeAll
    static void loadExamples() throws IOException {
        ConfigProperties properties = ConfigProperties.load(Path.of("config/application.properties"));
        DefinitionLoader.Catalog catalog = new DefinitionLoader(properties).loadAll(List.of(Path.of("routes")));
        assertThat(catalog.errors()).isEmpty();
        examples = catalog.definitions().stream().collect(Collectors.toMap(WebhookActionDefinition::name, Function.identity()));
    }

    @Test
    void atLeastFiveExamplesShip() {
        assertThat(examples).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void getUserTakesPathAndQueryValuesFromAttributes() {
        WebhookActionDefinition getUser = examples.get("get_user");
        assertThat(getUser.method()).isEqualTo(HttpMethod.GET);
        assertThat(getUser.url()).contains("/users/{user_id}").contains("?fields={user.fields");
        assertThat(getUser.responseFor(StatusGroup.SUCCESSFUL).outputs())
                .extracting(output -> output.target().toString())
                .contains("user.user_name", "session.plan");
    }

    @Test
    void createTicketPostsATypedBodyAndRetries() {
        WebhookActionDefinition ticket = examples.get("create_ticket");
        assertThat(ticket.method()).isEqualTo(HttpMethod.POST);
        assertThat(ticket.body().path("customer").path("age").asText()).isEqualTo("{user.age}");
        assertThat(ticket.retry().maxAttempts()).isEqualTo(3);
        assertThat(ticket.retry().retriesStatus(503)).isTrue();
        assertThat(ticket.retry().retriesStatus(429)).isTrue();
        assertThat(ticket.retry().retriesStatus(404)).isFalse();
        assertThat(ticket.responseFor(StatusGroup.SUCCESSFUL).outputs())
                .anySatisfy(output -> assertThat(output.language()).isEqualTo(OutputMapping.Language.JSONPATH));
    }

    @Test
    void signedOrderUsesHeaderAuthenticationWithAnHmacSignature() {
        Authentication auth = examples.get("signed_order").authentication();
        assertThat(auth).isInstanceOf(Authentication.Header.class);
        Authentication.Header header = (Authentication.Header) auth;
        assertThat(header.variables().get("signature")).contains("hmac sha256 @secret.");
        assertThat(header.headers()).containsKeys("X-Signature", "X-Timestamp");
    }

    @Test
    void oauthProfileUsesClientCredentialsWithASecret() {
        Authentication auth = examples.get("oauth_profile").authentication();
        assertThat(auth).isInstanceOf(Authentication.OAuth2ClientCredentials.class);
        Authentication.OAuth2ClientCredentials oauth = (Authentication.OAuth2ClientCredentials) auth;
        assertThat(oauth.clientSecret()).startsWith("{" + Context.SECRET.key() + ".");
        assertThat(oauth.scope()).isEqualTo("accounts.read");
        assertThat(oauth.clientAuth()).isEqualTo(Authentication.ClientAuth.BASIC);
    }

    @Test
    void mtlsBalancePresentsAClientCertificateFromTheSecretStore() {
        Authentication auth = examples.get("mtls_balance").authentication();
        assertThat(auth).isInstanceOf(Authentication.Mtls.class);
        assertThat(((Authentication.Mtls) auth).certificate()).isEqualTo("{secret.demo_client_cert}");
    }

    @Test
    void groupsLeftOutOfTheResponseBlockMapByTheirDefaults() {
        WebhookActionDefinition getUser = examples.get("get_user");
        assertThat(getUser.responseFor(StatusGroup.SERVER_ERROR).actionSuccess()).isEqualTo(SuccessRule.FALSE);
        assertThat(getUser.responseFor(StatusGroup.REDIRECTION).actionSuccess()).isEqualTo(SuccessRule.TRUE);
        assertThat(getUser.responseFor(StatusGroup.INFORMATIONAL).outputs()).isEmpty();
    }
}
