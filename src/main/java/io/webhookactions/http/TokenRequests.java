package io.webhookactions.http;

import io.webhookactions.auth.AuthenticationException;
import io.webhookactions.auth.TokenEndpoint;
import io.webhookactions.call.RenderedRequest;
import io.webhookactions.definition.HttpMethod;
import io.webhookactions.host.HostPolicy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Token requests through the same guarded client as the actions: host rules, deadline and size cap. The
 * form body is sent as given (its content type is set here, not by the JSON default of actions).
 */
public final class TokenRequests implements TokenEndpoint {

    static final long TIMEOUT_MS = 10_000;
    private static final long MAX_TOKEN_RESPONSE = 64 * 1024;

    private final UpstreamCall call;
    private final HostPolicy hosts;

    public TokenRequests(UpstreamCall call, HostPolicy hosts) {
        this.call = call;
        this.hosts = hosts;
    }

    @Override
    public Answer post(String url, Map<String, String> headers, String form) {
        URI uri = URI.create(url);
        String refusal = hosts.refusal(uri.getHost());
        if (refusal != null) {
            throw new AuthenticationException(refusal);
        }
        List<RenderedRequest.Header> sent = new ArrayList<>();
        headers.forEach((name, value) -> sent.add(new RenderedRequest.Header(name, value, value)));
        RenderedRequest request = new RenderedRequest(HttpMethod.POST, uri, sent, null, form.getBytes(StandardCharsets.UTF_8));
        UpstreamCall.Attempt attempt = call.send(request, System.nanoTime() + TIMEOUT_MS * 1_000_000L, TIMEOUT_MS,
                MAX_TOKEN_RESPONSE);
        if (attempt.failure() != null) {
            throw new AuthenticationException(attempt.failure().getMessage(), attempt.failure());
        }
        String body = attempt.response().bodyText();
        return new Answer(attempt.response().status(), body);
    }
}
