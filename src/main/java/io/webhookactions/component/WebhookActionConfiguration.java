package io.webhookactions.component;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import org.apache.camel.spi.UriPath;

/** The options of a {@code webhook-action:NAME} endpoint. */
@UriParams
public class WebhookActionConfiguration {

    @UriPath(description = "The name of the webhook action to run (the definition's name). It must be loaded when the"
            + " endpoint is created.")
    @Metadata(required = true)
    private String name;

    @UriParam(label = "producer", defaultValue = "false", description = "Whether to leave the message body as it was."
            + " By default the body becomes the ActionResult; the headers are set either way.")
    private boolean keepBody;

    @UriParam(label = "producer", defaultValue = "false", description = "Whether to fail the exchange with a"
            + " WebhookActionFailedException (carrying the result) when the action did not succeed. By default an"
            + " unsuccessful action is a result like any other.")
    private boolean throwExceptionOnFailure;

    @UriParam(label = "producer", defaultValue = "true", description = "Whether the result keeps the request as sent"
            + " and the response as received (secrets masked). False leaves them null: success, status code,"
            + " attributes and error only.")
    private boolean includeExchange = true;

    public String getName() {
        return name;
    }

    /** The name of the webhook action to run (the definition's {@code name}). */
    public void setName(String name) {
        this.name = name;
    }

    public boolean isKeepBody() {
        return keepBody;
    }

    /** Whether to leave the message body untouched (default false: the body becomes the {@code ActionResult}). */
    public void setKeepBody(boolean keepBody) {
        this.keepBody = keepBody;
    }

    public boolean isThrowExceptionOnFailure() {
        return throwExceptionOnFailure;
    }

    /** Whether an unsuccessful action fails the exchange with {@link WebhookActionFailedException} (default false). */
    public void setThrowExceptionOnFailure(boolean throwExceptionOnFailure) {
        this.throwExceptionOnFailure = throwExceptionOnFailure;
    }

    public boolean isIncludeExchange() {
        return includeExchange;
    }

    /**
     * Whether the result keeps {@code request} and {@code response} (default true). False gives the smaller
     * shape, for hosts that only need the attributes.
     */
    public void setIncludeExchange(boolean includeExchange) {
        this.includeExchange = includeExchange;
    }
}
