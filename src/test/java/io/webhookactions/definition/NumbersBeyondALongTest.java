package io.webhookactions.definition;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.template.AttributeScope;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Settings beyond a long are refused with the schema's own range (the invalid corpus holds those cases), while
 * the same numbers in a body are JSON values like any other and go out exactly as written.
 */
class NumbersBeyondALongTest {

    @Test
    void aBodysNumbersBeyondALongLoadAndAreSentAsWritten() throws Exception {
        LoadResult result = new DefinitionLoader().load("""
                {"name": "big", "method": "POST", "url": "https://api.example.com/x",
                 "body": {"huge": 1e300, "wide": 18446744073709551716, "exact": 0.1}}""".getBytes(StandardCharsets.UTF_8),
                "big.webhook.json", null);

        assertThat(result.errors()).isEmpty();
        AttributeScope scope = AttributeScope.of(Contexts.empty(), AttributeTypes.none(), SecretSource.none());
        // What goes on the wire: every digit, as the product's mapper writes a body.
        assertThat(new String(io.webhookactions.support.Json.mapper().writeValueAsBytes(result.plan().request().body().render(scope)),
                StandardCharsets.UTF_8)).isEqualTo("{\"huge\":1" + "0".repeat(300) + ",\"wide\":18446744073709551716,\"exact\":0.1}");
    }
}
