package io.webhookactions.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.attribute.Context;
import io.webhookactions.template.HeaderTemplate;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped examples in {@code routes/} load, and between them cover every feature the README shows. */
class ExampleDefinitionsTest {

    private static Map<String, ActionPlan> examples;

    @BeforeAll
    static void loadExamples() throws Exception {
        // The shipped configuration as Camel reads it: nested placeholders ({{camel.server.port}}) resolved.
        DefinitionLoader.Catalog catalog;
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setLocation("file:config/application.properties");
            catalog = new DefinitionLoader(Placeholders.of(key -> camel.getPropertiesComponent().resolveProperty(key).orElse(null)),
                    null).loadAll(List.of(Path.of("routes")));
        }
        assertThat(catalog.errors()).isEmpty();
        examples = catalog.plans().stream().collect(Collectors.toMap(ActionPlan::name, Function.identity()));
    }

    @Test
    void theFiveDocumentedExamplesShip() {
        assertThat(examples).containsOnlyKeys("get_user", "create_ticket", "signed_order", "oauth_profile", "mtls_balance");
    }

    @Test
    void getUserTakesPathAndQueryValuesFromAttributes() {
        ActionPlan getUser = examples.get("get_user");
        assertThat(getUser.method()).isEqualTo(HttpMethod.GET);
        assertThat(getUser.request().url().display()).contains("/users/{user_id}").contains("?fields={user.fields");
        assertThat(groups(getUser).of(StatusGroup.SUCCESSFUL).outputs())
                .extracting(output -> output.target().toString())
                .containsExactly("user.user_name", "user.user_email", "session.plan", "user.tag_count");
    }

    @Test
    void createTicketPostsATypedBodyAndRetries() {
        ActionPlan ticket = examples.get("create_ticket");
        assertThat(ticket.method()).isEqualTo(HttpMethod.POST);
        assertThat(ticket.request().body().templates()).extracting(template -> template.source()).contains("{user.age}");
        assertThat(ticket.retry().maxAttempts()).isEqualTo(3);
        assertThat(ticket.retry().retriesStatus(503)).isTrue();
        assertThat(ticket.retry().retriesStatus(429)).isTrue();
        assertThat(ticket.retry().retriesStatus(404)).isFalse();
        assertThat(groups(ticket).of(StatusGroup.SUCCESSFUL).outputs())
                .anySatisfy(output -> assertThat(output).isInstanceOf(OutputPlan.JsonPathQuery.class));
    }

    @Test
    void signedOrderUsesHeaderAuthenticationWithAnHmacSignature() {
        AuthPlan auth = examples.get("signed_order").authentication();
        assertThat(auth).isInstanceOf(AuthPlan.Header.class);
        AuthPlan.Header header = (AuthPlan.Header) auth;
        assertThat(header.variables().get("signature").source()).contains("hmac sha256 @secret.");
        assertThat(header.headers()).extracting(HeaderTemplate::name).contains("X-Signature", "X-Timestamp");
        assertThat(header.secretDerived()).contains("signature");
    }

    @Test
    void oauthProfileUsesClientCredentialsWithASecret() {
        AuthPlan auth = examples.get("oauth_profile").authentication();
        assertThat(auth).isInstanceOf(AuthPlan.OAuth2.class);
        AuthPlan.OAuth2 oauth = (AuthPlan.OAuth2) auth;
        assertThat(oauth.clientSecret().source()).startsWith("{" + Context.SECRET.key() + ".");
        assertThat(oauth.scope().source()).isEqualTo("accounts.read");
        assertThat(oauth.clientAuth()).isEqualTo(AuthPlan.ClientAuth.BASIC);
        assertThat(oauth.hosts().fixedHost()).as("the token goes only to the URL's own host").isEqualTo("localhost");
    }

    @Test
    void mtlsBalancePresentsAClientCertificateFromTheSecretStore() {
        AuthPlan auth = examples.get("mtls_balance").authentication();
        assertThat(auth).isInstanceOf(AuthPlan.Mtls.class);
        assertThat(((AuthPlan.Mtls) auth).certificateSecret()).isEqualTo("demo_client_cert");
    }

    @Test
    void groupsLeftOutOfTheResponseBlockMapByTheirDefaults() {
        ActionPlan getUser = examples.get("get_user");
        assertThat(groups(getUser).of(StatusGroup.SERVER_ERROR).success()).isEqualTo(SuccessRule.FALSE);
        assertThat(groups(getUser).of(StatusGroup.REDIRECTION).success()).isEqualTo(SuccessRule.TRUE);
        assertThat(groups(getUser).of(StatusGroup.INFORMATIONAL).outputs()).isEmpty();
    }

    private static ResponsePlan.StatusGroups groups(ActionPlan plan) {
        return (ResponsePlan.StatusGroups) plan.response();
    }
}
