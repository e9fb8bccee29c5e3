package io.webhookactions.response;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.attribute.SecretValues;
import io.webhookactions.call.SentRequest;
import io.webhookactions.call.UpstreamResponse;
import io.webhookactions.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SPEC §11 scrubbing through {@link ActionResult#scrubbed}: every secret value an execution used, and its
 * base64 forms, is replaced by the mask in everything the result shows or keeps.
 */
class ScrubbingTest {

    /** 13 characters: its standard base64 ends in '=' and so differs from the URL-safe form without padding. */
    private static final String SECRET = "s3cret-Value!";
    private static final String BASE64 = Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
    private static final String BASE64_URL = Base64.getUrlEncoder().withoutPadding().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
    private static final String MASK = SecretSource.MASK;

    private static JsonNode json(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SecretValues secrets(String... values) {
        SecretValues secrets = new SecretValues();
        for (String value : values) {
            secrets.add(value);
        }
        return secrets;
    }

    private static String responseBody() {
        return "{\"echo\": \"" + SECRET + "\", \"b64\": \"" + BASE64 + "\", \"b64url\": \"" + BASE64_URL + "\", \"n\": 7}";
    }

    /** A result that shows the secret everywhere it can: request, response headers and body, attributes, error. */
    private static ActionResult leaky() {
        Map<String, String> requestHeaders = new LinkedHashMap<>();
        requestHeaders.put("Authorization", "Bearer " + SECRET);
        requestHeaders.put("X-Plain", "plain");
        SentRequest request = new SentRequest("POST", "https://api.example.com/x?key=" + SECRET, requestHeaders,
                json("{\"token\": \"" + SECRET + "\", \"n\": 1}"));
        UpstreamResponse response = new UpstreamResponse(200, Map.of("X-Echo", "token " + SECRET, "X-B64", BASE64, "X-Plain", "plain"),
                responseBody().getBytes(StandardCharsets.UTF_8));
        ObjectNode user = (ObjectNode) json("{\"greeting\": \"hello " + SECRET + "\", \"nested\": {\"list\": [{\"deep\": \""
                + BASE64_URL + "\"}, 7, true]}, \"" + SECRET + "\": \"as a key\", \"leaky_action_success\": true,"
                + " \"action_success\": true, \"leaky_status_code\": 200}");
        ObjectNode session = Json.NODES.objectNode().put("raw", responseBody());
        return new ActionResult("leaky", true, 200, 12, Map.of(Context.USER, user, Context.SESSION, session), request, response,
                "the API echoed " + SECRET, null, Contexts.empty());
    }

    @Test
    void theSecretIsMaskedInTheResponseHeaders() {
        UpstreamResponse response = leaky().scrubbed(secrets(SECRET)).response();

        assertThat(response.headers()).isEqualTo(Map.of("X-Echo", "token " + MASK, "X-B64", MASK, "X-Plain", "plain"));
    }

    @Test
    void theSecretAndBothItsBase64FormsAreMaskedInTheResponseBody() {
        UpstreamResponse response = leaky().scrubbed(secrets(SECRET)).response();

        assertThat(response.bodyText()).isEqualTo("{\"echo\": \"" + MASK + "\", \"b64\": \"" + MASK + "\", \"b64url\": \"" + MASK
                + "\", \"n\": 7}");
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void theSecretIsMaskedInAttributeStringsAtAnyDepthAndInKeys() {
        ObjectNode user = leaky().scrubbed(secrets(SECRET)).attributes().get(Context.USER);

        assertThat(user).isEqualTo(json("{\"greeting\": \"hello " + MASK + "\", \"nested\": {\"list\": [{\"deep\": \"" + MASK
                + "\"}, 7, true]}, \"" + MASK + "\": \"as a key\", \"leaky_action_success\": true, \"action_success\": true,"
                + " \"leaky_status_code\": 200}"));
    }

    @Test
    void theRawResponseAttributeIsMasked() {
        ObjectNode session = leaky().scrubbed(secrets(SECRET)).attributes().get(Context.SESSION);

        assertThat(session.get("raw").asText()).isEqualTo("{\"echo\": \"" + MASK + "\", \"b64\": \"" + MASK + "\", \"b64url\": \""
                + MASK + "\", \"n\": 7}");
    }

    @Test
    void theErrorIsMasked() {
        assertThat(leaky().scrubbed(secrets(SECRET)).error()).isEqualTo("the API echoed " + MASK);
    }

    @Test
    void theRequestAsShownIsMasked() {
        SentRequest request = leaky().scrubbed(secrets(SECRET)).request();

        assertThat(request.url()).isEqualTo("https://api.example.com/x?key=" + MASK);
        assertThat(request.headers()).containsExactly(Map.entry("Authorization", "Bearer " + MASK), Map.entry("X-Plain", "plain"));
        assertThat(request.body()).isEqualTo(json("{\"token\": \"" + MASK + "\", \"n\": 1}"));
        assertThat(request.method()).isEqualTo("POST");
    }

    @Test
    void theShownJsonHoldsNoFormOfTheSecret() {
        String shown = leaky().scrubbed(secrets(SECRET)).toJson().toString();

        assertThat(shown).doesNotContain(SECRET).doesNotContain(BASE64).doesNotContain(BASE64_URL).contains(MASK);
    }

    @Test
    void whatIsNotSecretIsKept() {
        ActionResult scrubbed = leaky().scrubbed(secrets(SECRET));

        assertThat(scrubbed.action()).isEqualTo("leaky");
        assertThat(scrubbed.success()).isTrue();
        assertThat(scrubbed.statusCode()).isEqualTo(200);
        assertThat(scrubbed.durationMs()).isEqualTo(12);
    }

    @Test
    void scrubbingLeavesTheOriginalResultAsItWas() {
        ActionResult original = leaky();
        String before = original.toJson().toString();

        original.scrubbed(secrets(SECRET));

        assertThat(original.toJson().toString()).isEqualTo(before).contains(SECRET);
    }

    @Test
    void withoutSecretsTheResultIsReturnedAsItIs() {
        ActionResult original = leaky();

        assertThat(original.scrubbed(new SecretValues())).isSameAs(original);
    }

    @Test
    void valuesShorterThanFourCharactersAreNotScrubbed() {
        ActionResult original = new ActionResult("short", false, null, 1, Map.of(), null, null, "pin abc rejected", null, Contexts.empty());
        SecretValues shortOnes = secrets("abc", "42", "");

        assertThat(shortOnes.isEmpty()).isTrue();
        assertThat(original.scrubbed(shortOnes).error()).isEqualTo("pin abc rejected");
    }

    @Test
    void aValueOfFourCharactersIsScrubbed() {
        ActionResult original = new ActionResult("short", false, null, 1, Map.of(), null, null, "pin abcd rejected", null, Contexts.empty());

        assertThat(original.scrubbed(secrets("abcd")).error()).isEqualTo("pin " + MASK + " rejected");
    }

    @Test
    void aSecretHoldingAnotherIsMaskedWhole() {
        ActionResult original = new ActionResult("nested", false, null, 1, Map.of(), null, null, "long abcd-efgh, short abcd", null,
                Contexts.empty());

        assertThat(original.scrubbed(secrets("abcd", "abcd-efgh")).error()).isEqualTo("long " + MASK + ", short " + MASK);
    }

    @Test
    void aFailureBeforeAnythingWasSentOrReceivedStillHasItsErrorMasked() {
        // A render or connection failure after the secret was read: no request shown, no response, the error may echo it.
        ActionResult failed = new ActionResult("get_x", false, null, 3, Map.of(), null, null, "could not connect with key " + SECRET,
                io.webhookactions.call.FailureKind.CONNECT, Contexts.empty());

        ActionResult shown = failed.scrubbed(secrets(SECRET));

        assertThat(shown.request()).isNull();
        assertThat(shown.response()).isNull();
        assertThat(shown.error()).isEqualTo("could not connect with key " + MASK);
    }

    @Test
    void aRequestWithoutBodyAndAnEmptyAnswerAreShownAsTheyWere() {
        SentRequest get = new SentRequest("GET", "https://api.example.com/x", Map.of("Authorization", "Bearer " + SECRET), null);
        ActionResult result = new ActionResult("get_x", true, 204, 3, Map.of(), get, new UpstreamResponse(204, Map.of(), new byte[0]),
                null, null, Contexts.empty());

        ActionResult shown = result.scrubbed(secrets(SECRET));

        assertThat(shown.request().body()).isNull();
        assertThat(shown.request().headers()).containsEntry("Authorization", "Bearer " + MASK);
        assertThat(shown.response().body()).isEmpty();
    }

    @Test
    void aBinaryBodyWithoutTheSecretKeepsItsBytes() {
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xFF, (byte) 0xFE, 1};
        ActionResult result = new ActionResult("get_image", true, 200, 3, Map.of(), null,
                new UpstreamResponse(200, Map.of("Content-Type", "image/png"), binary), null, null, Contexts.empty());

        assertThat(result.scrubbed(secrets(SECRET)).response().body()).isEqualTo(binary);
    }
}
