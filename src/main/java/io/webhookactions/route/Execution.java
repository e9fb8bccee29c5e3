package io.webhookactions.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.response.SentRequest;
import io.webhookactions.response.UpstreamResponse;
import io.webhookactions.template.AttributeScope;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The state of one execution as it passes the route's steps, kept as an exchange property. Each step
 * fills its part: the rendered request (what is sent, and what is shown with secrets masked), then the
 * response or the failure.
 */
final class Execution implements io.webhookactions.auth.AuthRequest {

    static final String PROPERTY = "webhook.execution";

    final String action;
    final long startNanos = System.nanoTime();
    final Contexts contexts;
    AttributeScope scope;

    String method;
    String url;
    /** {@link #url} parsed, once: the host rules, the call and the log line all read it. */
    java.net.URI uri;
    /** Headers to send, secrets in the clear when authentication added any. */
    final Map<String, String> headers = new LinkedHashMap<>();
    /** The same headers as shown in results and logs: secrets masked. */
    final Map<String, String> shownHeaders = new LinkedHashMap<>();
    JsonNode body;
    byte[] bodyBytes;

    UpstreamResponse response;
    int attempts;

    Execution(String action, Contexts contexts) {
        this.action = action;
        this.contexts = contexts;
    }

    static Execution of(Exchange exchange) {
        return exchange.getProperty(PROPERTY, Execution.class);
    }

    long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** The request as shown to people (null before the URL was rendered). */
    SentRequest shown() {
        return url == null ? null : new SentRequest(method, url, shownHeaders, body);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public Map<String, String> headers() {
        return java.util.Collections.unmodifiableMap(headers);
    }

    @Override
    public byte[] body() {
        return bodyBytes;
    }

    @Override
    public AttributeScope scope() {
        return scope;
    }

    /** Sets a header to send and its shown (masked) form; same-named headers are replaced, any case. */
    @Override
    public void header(String name, String value, String shown) {
        headers.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        shownHeaders.keySet().removeIf(existing -> existing.equalsIgnoreCase(name));
        headers.put(name, value);
        shownHeaders.put(name, shown);
    }
}
