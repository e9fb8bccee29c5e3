package io.webhookactions.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/** (c) What an integrator would wire by hand: camel-http routes with Simple and camel-jsonpath. */
final class CamelHttpScenarios implements Scenarios {

    private final CamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate template;

    CamelHttpScenarios(BenchUpstream upstream) throws Exception {
        String base = upstream.url("");
        StringBuilder body = new StringBuilder("{");
        for (int f = 0; f < FIELDS; f++) {
            body.append(f == 0 ? "" : ",").append("\"f").append(f).append("\":\"${exchangeProperty.f").append(f).append("}\"");
        }
        String bodyTemplate = body.append("}").toString();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:get")
                        .setHeader(Exchange.HTTP_URI, simple(base + "/users/${exchangeProperty.userId}"))
                        .setHeader("X-Request-Id", simple("${exchangeProperty.requestId}"))
                        .setHeader("X-Tenant", simple("${exchangeProperty.tenant}"))
                        .to("http://127.0.0.1?throwExceptionOnFailure=false")
                        .setProperty("name").jsonpath("$.data.name")
                        .setProperty("email").jsonpath("$.data.email")
                        .setProperty("plan").jsonpath("$.data.plan.id");
                from("direct:post")
                        .setBody(simple(bodyTemplate))
                        .process(exchange -> sign(exchange, base + "/orders"))
                        .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/json"))
                        .to(base + "/orders?throwExceptionOnFailure=false")
                        .setProperty("orderId").jsonpath("$.order.id")
                        .setProperty("status").jsonpath("$.order.status")
                        .setProperty("total").jsonpath("$.order.total");
                from("direct:oauth")
                        .setHeader(Exchange.HTTP_URI, simple(base + "/accounts/${exchangeProperty.userId}"))
                        .to("http://127.0.0.1/oauth?throwExceptionOnFailure=false&oauth2ClientId=" + CLIENT_ID + "&oauth2ClientSecret="
                                + CLIENT_SECRET + "&oauth2TokenEndpoint=" + base + "/oauth/token&oauth2CacheTokens=true")
                        .setProperty("tier").jsonpath("$.account.tier")
                        .setProperty("balance").jsonpath("$.account.balance")
                        .setProperty("account").jsonpath("$.account.id");
            }
        });
        camel.start();
        template = camel.createProducerTemplate();
    }

    private static void sign(Exchange exchange, String url) throws Exception {
        byte[] bytes = exchange.getMessage().getBody(String.class).getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SIGNING_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        exchange.getMessage().setHeader("X-Timestamp", timestamp);
        exchange.getMessage().setHeader("X-Signature", Base64.getEncoder().encodeToString(mac.doFinal(("POST\n" + url + "\n"
                + timestamp + "\n" + hash).getBytes(StandardCharsets.UTF_8))));
    }

    @Override
    public void get(int sequence) {
        Exchange result = template.send("direct:get", exchange -> {
            exchange.setProperty("userId", Scenarios.id(sequence));
            exchange.setProperty("requestId", "req-" + (sequence % 1000));
            exchange.setProperty("tenant", "acme");
        });
        Scenarios.expect(result.getException() != null ? result.getException() : result.getProperty("name"), "Ada Lovelace", "camel-http get");
    }

    @Override
    public void postHmac(int sequence) {
        Exchange result = template.send("direct:post", exchange -> {
            for (int f = 0; f < FIELDS; f++) {
                exchange.setProperty("f" + f, "value " + f + " of " + (sequence % 1000));
            }
        });
        Scenarios.expect(result.getException() != null ? result.getException() : result.getProperty("orderId"), "O-1", "camel-http post");
    }

    @Override
    public void oauth(int sequence) {
        Exchange result = template.send("direct:oauth", exchange -> exchange.setProperty("userId", Scenarios.id(sequence)));
        Scenarios.expect(result.getException() != null ? result.getException() : result.getProperty("tier"), "gold", "camel-http oauth");
    }

    @Override
    public void close() {
        camel.stop();
    }
}
