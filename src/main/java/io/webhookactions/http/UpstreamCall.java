package io.webhookactions.http;

import io.webhookactions.call.CallFailure;
import io.webhookactions.call.RenderedRequest;
import io.webhookactions.call.UpstreamResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hc.client5.http.classic.HttpClient;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.util.Timeout;

/**
 * One HTTP attempt on an HttpClient built by camel-http (pool, no redirects, {@link CallGuard} first): the
 * rendered request goes out as it is, and the whole response comes back, or a {@link CallFailure} that says
 * why not. The attempt's limits and timeouts travel in its own {@link HttpClientContext}.
 */
public final class UpstreamCall {

    /** Exactly {@code application/json}, as SPEC §1 says (HttpClient's constant adds a charset). */
    private static final ContentType JSON = ContentType.create("application/json");

    private final HttpClient client;
    private final long maxHeaderBytes;

    UpstreamCall(HttpClient client, long maxHeaderBytes) {
        this.client = client;
        this.maxHeaderBytes = maxHeaderBytes;
    }

    /** What one attempt brought back, and whether a failure is worth another attempt on "network". */
    public record Attempt(UpstreamResponse response, CallFailure failure, boolean networkFailure) {
    }

    /**
     * @param deadlineNanos     when the whole call (all attempts) must be over, on {@link System#nanoTime()}
     * @param timeoutMs         the action's budget, named in a timeout message
     * @param maxResponseBytes  a larger body fails the attempt, nothing kept
     */
    public Attempt send(RenderedRequest request, long deadlineNanos, long timeoutMs, long maxResponseBytes) {
        CallLimits limits = new CallLimits(deadlineNanos, maxResponseBytes, maxHeaderBytes);
        HttpClientContext context = HttpClientContext.create();
        context.setAttribute(CallLimits.ATTRIBUTE, limits);
        Timeout remaining = Timeout.ofMilliseconds(Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000));
        context.setRequestConfig(RequestConfig.custom()
                .setRedirectsEnabled(false)
                .setConnectionRequestTimeout(remaining)
                .setResponseTimeout(remaining)
                .build());
        try {
            BasicClassicHttpRequest outgoing = new BasicClassicHttpRequest(request.method().name(), request.uri());
            request.headers().forEach(header -> outgoing.addHeader(header.name(), header.value()));
            if (request.body() != null) {
                String contentType = request.header("Content-Type");
                outgoing.setEntity(new ByteArrayEntity(request.body(), contentType == null ? JSON : ContentType.parse(contentType)));
            }
            return new Attempt(client.execute(outgoing, context, UpstreamCall::response), null, false);
        } catch (Exception e) {
            CallFailures.Classified failure = CallFailures.classify(e, limits, request.uri(), timeoutMs);
            return new Attempt(null, failure.failure(), failure.network());
        } finally {
            limits.release();
        }
    }

    /** Status, headers (a repeated header joined with ", " under its first spelling) and the whole body. */
    private static UpstreamResponse response(ClassicHttpResponse response) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : response.getHeaders()) {
            String name = spelling(headers, header.getName());
            headers.merge(name, header.getValue(), (first, next) -> first + ", " + next);
        }
        HttpEntity entity = response.getEntity();
        return new UpstreamResponse(response.getCode(), headers, entity == null ? new byte[0] : EntityUtils.toByteArray(entity));
    }

    private static String spelling(Map<String, String> headers, String name) {
        if (!headers.containsKey(name)) {
            for (String seen : headers.keySet()) {
                if (seen.equalsIgnoreCase(name)) {
                    return seen;
                }
            }
        }
        return name;
    }
}
