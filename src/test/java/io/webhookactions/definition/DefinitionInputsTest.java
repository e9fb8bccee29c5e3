package io.webhookactions.definition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The testing panel asks for exactly the attributes a definition reads, and never for secrets or built-ins. */
class DefinitionInputsTest {

    private final DefinitionLoader loader = new DefinitionLoader(Placeholders.of(key -> "https://demo.example.com"), null);

    @Test
    void inputsOfGetUserComeFromUrlAndHeadersInOrder() {
        ActionPlan getUser = loader.load(Path.of("routes/get_user.webhook.json")).orThrow();

        assertThat(getUser.inputs()).containsExactly("global.api_version", "user.user_id", "user.fields",
                "session.request_id");
    }

    @Test
    void inputsIncludeBodyAttributesOnceEach() {
        ActionPlan ticket = loader.load(Path.of("routes/create_ticket.webhook.json")).orThrow();

        assertThat(ticket.inputs()).containsExactly("user.order_id", "user.user_id", "user.age",
                "user.subscribed", "user.tags", "session.priority");
    }

    @Test
    void secretsAndAuthenticationBuiltInsAreNotInputs() {
        ActionPlan signed = loader.load(Path.of("routes/signed_order.webhook.json")).orThrow();

        assertThat(signed.inputs()).containsExactly("user.sku", "user.quantity");
    }
}
