package io.webhookactions.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.SecretSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * A small demo API on the service's own server ({@code webhook.demo.enabled}), so the shipped examples
 * work out of the box: users, tickets, an OAuth2 token endpoint with an account API behind it, and an
 * orders endpoint that verifies the HMAC signature of the {@code signed_order} example. Its secrets are
 * the demo secrets of the store.
 */
public final class DemoRoutes extends RouteBuilder {


    private final SecretSource secrets;
    private final String clientId;
    private final Set<String> issuedTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tickets = new AtomicInteger(1000);
    private final AtomicInteger orders = new AtomicInteger(500);

    public DemoRoutes(SecretSource secrets, String clientId) {
        this.secrets = secrets;
        this.clientId = clientId;
    }

    @Override
    public void configure() {
        from("platform-http:/demo/api/{version}/users/{id}?httpMethodRestrict=GET").routeId("demo:user").process(this::user);
        from("platform-http:/demo/api/tickets?httpMethodRestrict=POST").routeId("demo:ticket").process(this::ticket);
        from("platform-http:/demo/oauth/token?httpMethodRestrict=POST").routeId("demo:token").process(this::token);
        from("platform-http:/demo/api/accounts/{id}?httpMethodRestrict=GET").routeId("demo:account").process(this::account);
        from("platform-http:/demo/api/orders?httpMethodRestrict=POST").routeId("demo:order").process(this::order);
        from("platform-http:/demo/weather/v1/current?httpMethodRestrict=GET").routeId("demo:weather").process(this::weather);
    }

    private void user(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (id == null || id.isBlank() || id.equals("0")) {
            reply(exchange, 404, "{\"error\": {\"message\": \"user " + id + " not found\"}}");
            return;
        }
        ObjectNode data = io.webhookactions.support.Json.mapper().createObjectNode();
        ObjectNode user = data.putObject("data");
        user.put("id", id);
        user.put("name", "Demo User " + id);
        user.put("email", "user" + id + "@example.com");
        user.putObject("plan").put("id", Integer.parseInt("0" + id.replaceAll("\\D", "")) % 2 == 0 ? "pro" : "basic");
        user.putArray("tags").add("demo").add("api_" + exchange.getMessage().getHeader("version", String.class));
        reply(exchange, 200, data.toString());
    }

    private void ticket(Exchange exchange) throws Exception {
        JsonNode body = io.webhookactions.support.Json.mapper().readTree(exchange.getMessage().getBody(String.class));
        if (body == null || !body.hasNonNull("subject")) {
            reply(exchange, 422, "{\"error\": {\"message\": \"subject is required\", \"retryable\": false}}");
            return;
        }
        String id = "T-" + tickets.incrementAndGet();
        reply(exchange, 201, "{\"ticket\": {\"id\": \"" + id + "\", \"priority\": " + body.path("priority")
                + ", \"links\": {\"self\": \"/demo/api/tickets/" + id + "\"}}}");
    }

    private void token(Exchange exchange) {
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        String expected = Base64.getEncoder().encodeToString((clientId + ":" + secrets.secret(DemoSecrets.CLIENT_SECRET).orElse(""))
                .getBytes(StandardCharsets.UTF_8));
        if (authorization == null || !authorization.equals("Basic " + expected)) {
            reply(exchange, 401, "{\"error\": \"invalid_client\"}");
            return;
        }
        String token = UUID.randomUUID().toString();
        issuedTokens.add(token);
        reply(exchange, 200, "{\"access_token\": \"" + token + "\", \"token_type\": \"Bearer\", \"expires_in\": 3600}");
    }

    private void account(Exchange exchange) {
        String authorization = exchange.getMessage().getHeader("Authorization", String.class);
        if (authorization == null || !authorization.startsWith("Bearer ") || !issuedTokens.contains(authorization.substring(7))) {
            reply(exchange, 401, "{\"error\": {\"message\": \"a valid bearer token is required\"}}");
            return;
        }
        String id = exchange.getMessage().getHeader("id", String.class);
        reply(exchange, 200, "{\"account\": {\"id\": \"" + id + "\", \"tier\": \"gold\", \"balance\": 1234.5}}");
    }

    /** The README's "write your own action" step calls this: any city, a made-up but stable reading. */
    private void weather(Exchange exchange) {
        String city = exchange.getMessage().getHeader("city", String.class);
        if (city == null || city.isBlank()) {
            reply(exchange, 400, "{\"error\": {\"message\": \"city is required\"}}");
            return;
        }
        boolean imperial = "imperial".equals(exchange.getMessage().getHeader("units", String.class));
        int celsius = 8 + Math.floorMod(city.toLowerCase(java.util.Locale.ROOT).hashCode(), 18);
        ObjectNode json = io.webhookactions.support.Json.mapper().createObjectNode();
        ObjectNode current = json.putObject("current");
        current.put("city", city);
        current.put("temp", imperial ? Math.round(celsius * 9 / 5.0 + 32) : celsius);
        current.put("units", imperial ? "imperial" : "metric");
        current.put("summary", celsius > 18 ? "sunny" : celsius > 12 ? "cloudy" : "light rain");
        reply(exchange, 200, json.toString());
    }

    /** Recomputes the signature of the {@code signed_order} example: method, URL, timestamp and body hash. */
    private void order(Exchange exchange) throws Exception {
        String body = exchange.getMessage().getBody(String.class);
        String host = exchange.getMessage().getHeader("Host", String.class);
        String url = "http://" + host + exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        String timestamp = exchange.getMessage().getHeader("X-Timestamp", String.class);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body == null ? new byte[0]
                : body.getBytes(StandardCharsets.UTF_8)));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secrets.secret(DemoSecrets.SIGNING_KEY).orElse("").getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(("POST\n" + url + "\n" + timestamp + "\n" + hash)
                .getBytes(StandardCharsets.UTF_8)));
        if (!expected.equals(exchange.getMessage().getHeader("X-Signature", String.class))) {
            reply(exchange, 401, "{\"error\": {\"message\": \"signature does not match\"}}");
            return;
        }
        reply(exchange, 201, "{\"order\": {\"id\": \"O-" + orders.incrementAndGet() + "\", \"status\": \"accepted\"}}");
    }

    private static void reply(Exchange exchange, int status, String json) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(json);
    }
}
