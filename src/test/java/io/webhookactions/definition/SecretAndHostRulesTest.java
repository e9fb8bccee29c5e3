package io.webhookactions.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretAndHostRulesTest {

    @Test
    void secretMissingFromTheStoreFailsValidationAtItsPointer() {
        String json = "{\"name\": \"a\", \"url\": \"https://api.example.com/x\", \"authentication\": {\"type\": \"header\","
                + " \"headers\": {\"Authorization\": \"Bearer {secret.api_token}\", \"X-Other\": \"{secret.present}\"}}}";

        LoadResult result = new DefinitionLoader(Placeholders.none(), SecretNames.inStore(Set.of("present")::contains))
                .load(json.getBytes(StandardCharsets.UTF_8), "a.webhook.json", null);

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.pointer()).isEqualTo("/authentication/headers/Authorization");
            assertThat(error.reason()).contains("secret \"api_token\" is not in the secret store; add it with: secrets set api_token");
        });
    }

    @Test
    void oauth2WithTheHostFromAnAttributeIsRefused() {
        String json = "{\"name\": \"a\", \"url\": \"https://{global.tenant}.example.com/x\", \"authentication\": {"
                + "\"type\": \"oauth2_client_credentials\", \"token_url\": \"https://auth.example.com/t\", \"client_id\": \"c\","
                + " \"client_secret\": \"{secret.s}\"}}";

        LoadResult result = new DefinitionLoader().load(json.getBytes(StandardCharsets.UTF_8), "a.webhook.json", null);

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.pointer()).isEqualTo("/url");
            assertThat(error.reason()).contains("so the credentials can only go there");
        });
    }

    @Test
    void oauth2WithTheHostFromAPropertyIsAccepted() {
        String json = "{\"name\": \"a\", \"url\": \"{{crm.base}}/x/{id}\", \"authentication\": {"
                + "\"type\": \"oauth2_client_credentials\", \"token_url\": \"{{crm.base}}/t\", \"client_id\": \"c\","
                + " \"client_secret\": \"{secret.s}\"}}";

        LoadResult result = new DefinitionLoader(Placeholders.of(key -> "https://crm.example.com"), null)
                .load(json.getBytes(StandardCharsets.UTF_8), "a", null);

        assertThat(result.errors()).isEmpty();
        assertThat(result.plan().authentication()).isInstanceOfSatisfying(AuthPlan.OAuth2.class,
                oauth -> assertThat(oauth.hosts()).isEqualTo(CredentialHosts.fixed("crm.example.com")));
    }
}
