package io.webhookactions.route;

import io.webhookactions.auth.AuthenticationException;
import io.webhookactions.auth.TokenEndpoint;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.support.service.ServiceHelper;

/**
 * Token requests through the same guarded {@code webhook-http} client as the actions (host rules,
 * deadline, size cap), on a fresh exchange each time.
 */
final class CamelTokenEndpoint implements TokenEndpoint {

    static final long TIMEOUT_MS = 10_000;
    private static final long MAX_TOKEN_RESPONSE = 64 * 1024;

    private final CamelContext context;
    private volatile Producer producer;

    CamelTokenEndpoint(CamelContext context) {
        this.context = context;
    }

    @Override
    public Answer post(String url, Map<String, String> headers, String form) {
        String refusal = WebhookActions.in(context).hosts().refusal(java.net.URI.create(url).getHost());
        if (refusal != null) {
            throw new AuthenticationException(refusal);
        }
        Exchange call = new DefaultExchange(context);
        call.getIn().setHeader(Exchange.HTTP_METHOD, org.apache.camel.component.http.HttpMethods.POST);
        call.getIn().setHeader(Exchange.HTTP_URI, url);
        headers.forEach((name, value) -> call.getIn().setHeader(name.equals("Content-Type") ? Exchange.CONTENT_TYPE : name, value));
        call.getIn().setBody(form.getBytes(StandardCharsets.UTF_8));
        CallBudget budget = new CallBudget(System.nanoTime() + TIMEOUT_MS * 1_000_000L, MAX_TOKEN_RESPONSE);
        budget.arm();
        try {
            producer().process(call);
            if (call.getException() != null) {
                throw call.getException();
            }
            int status = call.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            return new Answer(status, call.getMessage().getBody(String.class));
        } catch (Exception e) {
            throw new AuthenticationException(CallFailures.classify(e, budget, url, TIMEOUT_MS).reason(), e);
        } finally {
            budget.disarm();
        }
    }

    private Producer producer() throws Exception {
        Producer current = producer;
        if (current == null) {
            synchronized (this) {
                current = producer;
                if (current == null) {
                    current = context.getEndpoint(WebhookHttp.endpointUri(TIMEOUT_MS)).createProducer();
                    ServiceHelper.startService(current);
                    producer = current;
                }
            }
        }
        return current;
    }
}
