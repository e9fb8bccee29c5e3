package io.webhookactions.template;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Golden tests: the examples of SPEC.md and the source documentation render as those pages say. */
class SpecExamplesTest {

    @Test
    void sourceDocumentationUrlExample() {
        UrlTemplate url = UrlTemplate.compile(Template.parse("https://yourapi.com/api/{api_version}/users?userId={user_id}"));

        assertThat(url.render(TestScopes.of("{\"user\": {\"api_version\": \"v1\", \"user_id\": \"u 7\"}}")))
                .isEqualTo("https://yourapi.com/api/v1/users?userId=u%207");
    }

    @Test
    void contextAndFilterFromTheIntroduction() {
        assertThat(Template.parse("{global.api_version | lowercase}").render(
                TestScopes.of("{\"global\": {\"api_version\": \"V2\"}}"))).isEqualTo("v2");
    }

    @Test
    void headerAuthenticationSignatureChainOfSection51() throws Exception {
        String body = "{\"sku\":\"A-1\",\"quantity\":2}";
        Map<String, JsonNode> webhook = Map.of("method", Values.text("POST"), "url", Values.text("https://api.example.com/orders"),
                "body", Values.text(body));
        Map<String, JsonNode> auth = Map.of("timestamp", Values.text("1700000000"));
        AttributeScope scope = TestScopes.of("{}", AttributeTypes.none(), Map.of("signing_key", "k3y"))
                .unmasked()
                .withBuiltIns(AttributeScope.ofMaps(Map.of(Context.WEBHOOK, webhook, Context.AUTH, auth)));

        String bodyHash = Template.parse("{_webhook.body | sha256 | base64}").render(scope);
        String message = Template.parse("{_webhook.method}\n{_webhook.url}\n{_auth.timestamp}\n" + bodyHash).render(scope);
        AttributeScope withMessage = TestScopes.of("{\"user\": {\"msg\": " + Values.text(message) + "}}",
                AttributeTypes.none(), Map.of("signing_key", "k3y")).unmasked();
        String signature = Template.parse("{msg | hmac sha256 @secret.signing_key | base64}").render(withMessage);

        String expectedHash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("k3y".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expectedSignature = Base64.getEncoder().encodeToString(mac.doFinal(
                ("POST\nhttps://api.example.com/orders\n1700000000\n" + expectedHash).getBytes(StandardCharsets.UTF_8)));
        assertThat(bodyHash).isEqualTo(expectedHash);
        assertThat(message).isEqualTo("POST\nhttps://api.example.com/orders\n1700000000\n" + expectedHash);
        assertThat(signature).isEqualTo(expectedSignature);
    }
}
