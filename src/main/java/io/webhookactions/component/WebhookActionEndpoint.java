package io.webhookactions.component;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Run declarative webhook actions: HTTP calls rendered from attribute contexts, authenticated, and mapped back into
 * attributes.
 *
 * <p>The contexts come from the {@code CamelWebhookActionContexts} header, else the body. The result is the new body
 * (unless {@code keepBody}) and is summed up in headers. Producer only.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "webhook-action", title = "Webhook Action", syntax = "webhook-action:name",
        producerOnly = true, category = {Category.HTTP}, headersClass = WebhookActionConstants.class)
public class WebhookActionEndpoint extends DefaultEndpoint {

    @UriParam
    private final WebhookActionConfiguration configuration;

    WebhookActionEndpoint(String uri, WebhookActionComponent component, WebhookActionConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    public WebhookActionConfiguration getConfiguration() {
        return configuration;
    }

    @Override
    public Producer createProducer() {
        return new WebhookActionProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("webhook-action endpoints run actions; use them in to(), not from()");
    }
}
