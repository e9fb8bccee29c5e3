package io.webhookactions.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.call.RenderedRequest;
import io.webhookactions.definition.AuthPlan;
import io.webhookactions.template.AttributeScope;
import io.webhookactions.template.HeaderTemplate;
import io.webhookactions.template.RenderException;
import io.webhookactions.template.Scope;
import io.webhookactions.template.Template;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Header authentication (SPEC §5.1). Variables resolve lazily and at most once per execution, may use
 * each other (cycles were refused at load), and see {@code _auth.uuid/timestamp/timestamp_micro} and the
 * request as sent ({@code _webhook}). Headers are rendered twice: with secrets in the clear for sending,
 * and for showing, where a secret and every value derived from one appear as the mask.
 */
public final class HeaderAuthenticator implements Authenticator {

    private final Map<String, Template> variables;
    private final List<HeaderTemplate> headers;
    private final Set<String> secretDerived;

    public HeaderAuthenticator(AuthPlan.Header plan) {
        this.variables = plan.variables();
        this.headers = plan.headers();
        this.secretDerived = plan.secretDerived();
    }

    @Override
    public RenderedRequest authenticate(RenderedRequest request, AttributeScope scope) {
        BuiltIns builtIns = new BuiltIns();
        WebhookValues webhook = new WebhookValues(request);
        Scope sending = new AuthScope(scope.unmasked(), builtIns, webhook, false);
        Scope showing = new AuthScope(scope, builtIns, webhook, true);
        RenderedRequest authenticated = request;
        for (HeaderTemplate header : headers) {
            try {
                String value = header.render(sending);
                String shown = header.renderShown(showing);
                if (!value.equals(shown)) {
                    // A value that shows masked is a credential: an echo of it must be scrubbed too (SPEC §11).
                    scope.used().add(value);
                    int space = value.indexOf(' ');
                    if (space > 0) {
                        scope.used().add(value.substring(space + 1));
                    }
                }
                authenticated = authenticated.withHeader(header.name(), value, shown);
            } catch (RenderException e) {
                throw new AuthenticationException(e.getMessage(), e);
            }
        }
        return authenticated;
    }

    /** {@code _auth.uuid}, {@code _auth.timestamp}, {@code _auth.timestamp_micro}: fixed once per execution. */
    private static final class BuiltIns {
        private String uuid;
        private Long micros;

        synchronized JsonNode get(String name) {
            switch (name) {
                case "uuid":
                    if (uuid == null) {
                        uuid = UUID.randomUUID().toString();
                    }
                    return TextNode.valueOf(uuid);
                case "timestamp":
                    return TextNode.valueOf(String.valueOf(micros() / 1_000_000));
                case "timestamp_micro":
                    return TextNode.valueOf(String.valueOf(micros()));
                default:
                    return null;
            }
        }

        private long micros() {
            if (micros == null) {
                java.time.Instant now = java.time.Instant.now();
                micros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
            }
            return micros;
        }
    }

    /** One render's view: built-ins, lazily memoised variables, {@code _webhook}, then the execution's attributes. */
    private final class AuthScope implements Scope {
        private final Scope base;
        private final BuiltIns builtIns;
        private final WebhookValues webhook;
        private final boolean showing;
        private final Map<String, JsonNode> resolved = new HashMap<>();

        AuthScope(Scope base, BuiltIns builtIns, WebhookValues webhook, boolean showing) {
            this.base = base;
            this.builtIns = builtIns;
            this.webhook = webhook;
            this.showing = showing;
        }

        @Override
        public String protectedText(String text) {
            return base.protectedText(text);
        }

        @Override
        public long maxRenderedLength() {
            return base.maxRenderedLength();
        }

        @Override
        public JsonNode attribute(Context context, String name) {
            if (context == Context.WEBHOOK) {
                return webhook.get(name);
            }
            if (context != Context.AUTH) {
                return base.attribute(context, name);
            }
            JsonNode builtIn = builtIns.get(name);
            if (builtIn != null) {
                return builtIn;
            }
            Template template = variables.get(name);
            if (template == null) {
                return MissingNode.getInstance();
            }
            if (showing && secretDerived.contains(name)) {
                return TextNode.valueOf(SecretSource.MASK);
            }
            JsonNode value = resolved.get(name);
            if (value == null) {
                value = template.value(this);
                resolved.put(name, value);
            }
            return value;
        }
    }
}
