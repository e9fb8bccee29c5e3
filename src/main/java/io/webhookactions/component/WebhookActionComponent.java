package io.webhookactions.component;

import io.webhookactions.runtime.ActionRegistry;
import io.webhookactions.runtime.UnknownActionException;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.support.Suggestions;
import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code webhook-action} component: {@code to("webhook-action:get_user")} runs the action loaded under that
 * name in this Camel context.
 *
 * <p>An unknown name fails when the endpoint is created. Camel creates a route's endpoints when it starts the
 * route, after every route of the context (definition files included) was configured, so a host route may name an
 * action whose file is loaded after it. Only an endpoint created earlier than that, or for a route added later to
 * a running context, needs its action loaded first.
 */
@Component("webhook-action")
public class WebhookActionComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("webhook-action endpoint needs an action name: webhook-action:get_user");
        }
        requireLoaded(remaining);
        WebhookActionConfiguration configuration = new WebhookActionConfiguration();
        configuration.setName(remaining);
        WebhookActionEndpoint endpoint = new WebhookActionEndpoint(uri, this, configuration);
        // On the endpoint, not the configuration: Camel then uses the generated configurer, not reflection.
        setProperties(endpoint, parameters);
        return endpoint;
    }

    private void requireLoaded(String name) {
        ActionRegistry registry = WebhookActions.in(getCamelContext()).registry();
        if (!registry.isDefined(name)) {
            String hint = Suggestions.closest(name, registry.definedNames()).map(close -> "; did you mean \"" + close + "\"?")
                    .orElse(registry.definedNames().isEmpty() ? "; no webhook actions are loaded in this Camel context"
                            + " (load *.webhook.json files before routes that call them start)" : "");
            throw new UnknownActionException(name, hint);
        }
    }
}
