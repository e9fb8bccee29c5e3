package io.webhookactions.component;

import java.util.Map;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

/**
 * The {@code webhook-action} component: {@code to("webhook-action:get_user")} runs the action with the
 * message body as its contexts and replaces the body with the result.
 */
@Component("webhook-action")
public class WebhookActionComponent extends DefaultComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (remaining == null || remaining.isBlank()) {
            throw new IllegalArgumentException("webhook-action endpoint needs an action name: webhook-action:get_user");
        }
        WebhookActionConfiguration configuration = new WebhookActionConfiguration();
        configuration.setName(remaining);
        WebhookActionEndpoint endpoint = new WebhookActionEndpoint(uri, this, configuration);
        setProperties(configuration, parameters);
        return endpoint;
    }
}
