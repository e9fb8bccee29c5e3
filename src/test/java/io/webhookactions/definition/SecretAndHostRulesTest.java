package io.webhookactions.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.Definitions;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SecretAndHostRulesTest {

    @Test
    void secretMissingFromTheStoreFailsValidationAtItsPointer() {
        LoadResult result = new DefinitionLoader(Placeholders.none(), SecretNames.inStore(Set.of("present")::contains))
                .load(Definitions.file("secret_not_in_store"));

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.pointer()).isEqualTo("/authentication/headers/Authorization");
            assertThat(error.reason()).contains("secret \"api_token\" is not in the secret store; add it with: secrets set api_token");
        });
    }

    @Test
    void oauth2WithTheHostFromAnAttributeIsRefused() {
        LoadResult result = new DefinitionLoader().load(Definitions.file("oauth2_host_from_attribute"));

        assertThat(result.errors()).singleElement().satisfies(error -> {
            assertThat(error.pointer()).isEqualTo("/url");
            assertThat(error.reason()).contains("so the credentials can only go there");
        });
    }

    @Test
    void oauth2WithTheHostFromAPropertyIsAccepted() {
        LoadResult result = new DefinitionLoader(Placeholders.of(Map.of("crm.base", "https://crm.example.com")::get), null)
                .load(Definitions.file("oauth2_host_from_property"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.plan().authentication()).isInstanceOfSatisfying(AuthPlan.OAuth2.class,
                oauth -> assertThat(oauth.hosts()).isEqualTo(CredentialHosts.fixed("crm.example.com")));
    }
}
