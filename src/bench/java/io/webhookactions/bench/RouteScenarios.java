package io.webhookactions.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.DefinitionLoader;
import io.webhookactions.response.ActionResult;
import io.webhookactions.route.ActionRouteBuilder;
import io.webhookactions.runtime.Settings;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.support.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;

/** (a) The product: one webhook-action route per scenario, called as the HTTP API calls it. */
final class RouteScenarios implements Scenarios {

    private final CamelContext camel = new DefaultCamelContext();
    private final WebhookActions actions;
    private final Contexts[] contexts = new Contexts[1000];

    RouteScenarios(BenchUpstream upstream) throws Exception {
        Map<String, String> secrets = Map.of("signing_key", SIGNING_KEY, "client_secret", CLIENT_SECRET);
        SecretSource source = name -> Optional.ofNullable(secrets.get(name));
        actions = WebhookActions.install(camel, Settings.defaults(source));
        StringBuilder body = new StringBuilder();
        for (int f = 0; f < FIELDS; f++) {
            body.append(f == 0 ? "" : ", ").append("\"f").append(f).append("\": \"{f").append(f).append("}\"");
        }
        add("{\"name\": \"bench_get\", \"url\": \"" + upstream.url("/users/{user_id}") + "\","
                + " \"headers\": {\"X-Request-Id\": \"{session.request_id}\", \"X-Tenant\": \"{global.tenant}\"},"
                + " \"response\": {\"2xx\": {\"outputs\": {\"user_name\": \"data.name\", \"user_email\": \"data.email\", \"plan\": \"data.plan.id\"}}}}");
        add("{\"name\": \"bench_post\", \"method\": \"POST\", \"url\": \"" + upstream.url("/orders") + "\", \"body\": {" + body + "},"
                + " \"authentication\": {\"type\": \"header\", \"variables\": {\"hash\": \"{_webhook.body | sha256 | hex}\","
                + " \"message\": \"{_webhook.method}\\n{_webhook.url}\\n{_auth.timestamp}\\n{_auth.hash}\","
                + " \"signature\": \"{_auth.message | hmac sha256 @secret.signing_key | base64}\"},"
                + " \"headers\": {\"X-Timestamp\": \"{_auth.timestamp}\", \"X-Signature\": \"{_auth.signature}\"}},"
                + " \"response\": {\"2xx\": {\"outputs\": {\"order_id\": \"order.id\", \"status\": \"order.status\", \"total\": \"order.total\"}}}}");
        add("{\"name\": \"bench_oauth\", \"url\": \"" + upstream.url("/accounts/{user_id}") + "\", \"authentication\": {"
                + "\"type\": \"oauth2_client_credentials\", \"token_url\": \"" + upstream.url("/oauth/token") + "\", \"client_id\": \""
                + CLIENT_ID + "\", \"client_secret\": \"{secret.client_secret}\"},"
                + " \"response\": {\"2xx\": {\"outputs\": {\"tier\": \"account.tier\", \"balance\": \"account.balance\", \"account\": \"account.id\"}}}}");
        camel.start();
        for (int i = 0; i < contexts.length; i++) {
            ObjectNode json = Json.mapper().createObjectNode();
            ObjectNode user = json.putObject("user");
            user.put("user_id", Scenarios.id(i));
            for (int f = 0; f < FIELDS; f++) {
                user.put("f" + f, "value " + f + " of " + i);
            }
            json.putObject("session").put("request_id", "req-" + i);
            json.putObject("global").put("tenant", "acme");
            contexts[i] = Contexts.fromJson(json);
        }
    }

    private void add(String json) throws Exception {
        camel.addRoutes(new ActionRouteBuilder(new DefinitionLoader().load(json.getBytes(StandardCharsets.UTF_8), "bench", null).orThrow()));
    }

    WebhookActions actions() {
        return actions;
    }

    @Override
    public void get(int sequence) {
        ActionResult result = actions.execute("bench_get", contexts[sequence % contexts.length]);
        Scenarios.expect(result.attribute(Context.USER, "user_name") == null ? null : result.attribute(Context.USER, "user_name").asText(),
                "Ada Lovelace", "route get");
    }

    @Override
    public void postHmac(int sequence) {
        ActionResult result = actions.execute("bench_post", contexts[sequence % contexts.length]);
        Scenarios.expect(result.attribute(Context.USER, "order_id") == null ? result.error() : result.attribute(Context.USER, "order_id").asText(),
                "O-1", "route post");
    }

    @Override
    public void oauth(int sequence) {
        ActionResult result = actions.execute("bench_oauth", contexts[sequence % contexts.length]);
        Scenarios.expect(result.attribute(Context.USER, "tier") == null ? result.error() : result.attribute(Context.USER, "tier").asText(),
                "gold", "route oauth");
    }

    @Override
    public void close() {
        camel.stop();
    }
}
