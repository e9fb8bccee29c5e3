package io.webhookactions.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.webhookactions.definition.InvalidDefinitionException;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.secret.MasterKey;
import io.webhookactions.secret.SecretStore;
import java.nio.file.Path;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inside a host, load errors name the host's settings generically (its properties, its SecretSource,
 * {@code webhook.secret.NAME}), never the service's {@code config/application.properties} or its {@code secrets set}
 * command; a {@link WebhookActions.Hints} bean in the registry replaces that wording.
 */
class HostMessagesTest {

    @TempDir
    Path dir;

    @Test
    void hostMessagesNameTheHostsPropertiesAndSecretSource() throws Exception {
        String message = loadError(null);

        assertThat(message).contains("crm.base-url").contains("the application's properties or the environment")
                .contains("crm_token").contains("SecretSource").contains("webhook.secret.crm_token");
        assertThat(message).doesNotContain("config/application.properties").doesNotContain("secrets set");
    }

    @Test
    void hintsBeanInTheRegistryWordsTheMessagesInstead() throws Exception {
        WebhookActions.Hints ours = new WebhookActions.Hints("our-settings.yaml", name -> "ask the platform team for " + name);

        String message = loadError(ours);

        assertThat(message).contains("our-settings.yaml").contains("ask the platform team for crm_token")
                .doesNotContain("SecretSource");
    }

    /** Loads the broken definition into a host whose secret store exists (so secret names are checked at load). */
    private String loadError(WebhookActions.Hints hints) throws Exception {
        Path key = dir.resolve("master.key");
        Path store = dir.resolve("secrets.json");
        if (!key.toFile().exists()) {
            MasterKey.create(key);
            SecretStore.open(store, key).set("other_token", "not-the-one-asked-for");
        }
        try (CamelContext context = new DefaultCamelContext()) {
            context.getPropertiesComponent().addInitialProperty("webhook.secrets-file", store.toString());
            context.getPropertiesComponent().addInitialProperty("webhook.master-key-file", key.toString());
            if (hints != null) {
                context.getRegistry().bind("hints", WebhookActions.Hints.class, hints);
            }
            Throwable failure = catchThrowable(() -> PluginHelper.getRoutesLoader(context).loadRoutes(
                    ResourceHelper.resolveMandatoryResource(context, "file:src/test/resources/host/broken/needs_setup.webhook.json")));
            assertThat(failure).isInstanceOf(InvalidDefinitionException.class);
            return failure.getMessage();
        }
    }
}
