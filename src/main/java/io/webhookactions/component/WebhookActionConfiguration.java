package io.webhookactions.component;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** Options of a {@code webhook-action:NAME} endpoint. */
@UriParams
public class WebhookActionConfiguration implements Cloneable {

    @UriPath(description = "The name of the webhook action to run")
    @Metadata(required = true)
    private String name;

    @UriParam(defaultValue = "true", description = "Whether the result carries the request as sent and the response"
            + " as received (the test-endpoint shape) or only success, status, attributes and error")
    private boolean includeExchange = true;

    public String getName() {
        return name;
    }

    /** The name of the webhook action to run (the definition's {@code name}). */
    public void setName(String name) {
        this.name = name;
    }

    public boolean isIncludeExchange() {
        return includeExchange;
    }

    /**
     * Whether the result carries {@code request} and {@code response} (default true). Off gives the smaller
     * {@code execute} shape, for hosts that only need the attributes.
     */
    public void setIncludeExchange(boolean includeExchange) {
        this.includeExchange = includeExchange;
    }

    public WebhookActionConfiguration copy() {
        try {
            return (WebhookActionConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }
}
