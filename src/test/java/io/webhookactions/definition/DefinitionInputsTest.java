package io.webhookactions.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The testing panel asks for exactly the attributes a definition reads, and never for secrets or built-ins. */
class DefinitionInputsTest {

    private final DefinitionLoader loader = new DefinitionLoader(key -> "https://demo.example.com");

    @Test
    void inputsOfGetUserComeFromUrlAndHeadersInOrder() {
        WebhookActionDefinition getUser = loader.load(Path.of("routes/get_user.webhook.json")).orThrow();

        assertThat(DefinitionInputs.of(getUser)).containsExactly("global.api_version", "user.user_id", "user.fields",
                "session.request_id");
    }

    @Test
    void inputsIncludeBodyAttributesOnceEach() {
        WebhookActionDefinition ticket = loader.load(Path.of("routes/create_ticket.webhook.json")).orThrow();

        assertThat(DefinitionInputs.of(ticket)).containsExactly("user.order_id", "user.user_id", "user.age",
                "user.subscribed", "user.tags", "session.priority");
    }

    @Test
    void secretsAndAuthenticationBuiltInsAreNotInputs() {
        WebhookActionDefinition signed = loader.load(Path.of("routes/signed_order.webhook.json")).orThrow();

        assertThat(DefinitionInputs.of(signed)).containsExactly("user.sku", "user.quantity");
    }
}
