package io.webhookactions.auth;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.call.RenderedRequest;
import io.webhookactions.definition.AuthPlan;
import io.webhookactions.support.Json;
import io.webhookactions.template.AttributeScope;
import io.webhookactions.template.Template;
import io.webhookactions.template.UrlTemplate;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * OAuth2 client credentials (SPEC §5.3): a cached access token sent as {@code Authorization: Bearer}
 * to the action's own host only. The token request is {@code grant_type=client_credentials[&scope=...]}
 * with the credentials in a Basic header (default) or in the form body.
 */
public final class OAuth2Authenticator implements Authenticator {

    private static final long DEFAULT_EXPIRES_IN = 3600;
    /** A day: longer lifetimes are capped (SPEC §11). */
    static final long MAX_EXPIRES_IN = 86_400;

    private final UrlTemplate tokenUrl;
    private final Template clientId;
    private final Template clientSecret;
    private final Template scope;
    private final AuthPlan.ClientAuth clientAuth;
    private final TokenCache cache;
    private final TokenEndpoint endpoint;

    public OAuth2Authenticator(AuthPlan.OAuth2 plan, TokenCache cache, TokenEndpoint endpoint) {
        this.tokenUrl = plan.tokenUrl();
        this.clientId = plan.clientId();
        this.clientSecret = plan.clientSecret();
        this.scope = plan.scope();
        this.clientAuth = plan.clientAuth();
        this.cache = cache;
        this.endpoint = endpoint;
    }

    @Override
    public RenderedRequest authenticate(RenderedRequest request, AttributeScope scope) {
        TokenKey key = key(scope);
        String token = cache.token(key, () -> request(key, scope.unmasked()));
        scope.used().add(token);
        return request.withHeader("Authorization", "Bearer " + token, "Bearer " + SecretSource.MASK);
    }

    @Override
    public Optional<RenderedRequest> renewAfterUnauthorized(RenderedRequest sent, AttributeScope scope) {
        String authorization = sent.header("Authorization");
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        cache.evict(key(scope), authorization.substring("Bearer ".length()));
        return Optional.of(authenticate(sent, scope));
    }

    @Override
    public void refusedAfterRenewal(RenderedRequest sent, AttributeScope scope) {
        String authorization = sent.header("Authorization");
        if (authorization != null && authorization.startsWith("Bearer ")) {
            cache.refusedFresh(key(scope), authorization.substring("Bearer ".length()));
        }
    }

    private TokenKey key(AttributeScope scope) {
        AttributeScope unmasked = scope.unmasked();
        return TokenKey.of(tokenUrl.render(scope), clientId.render(scope), clientSecret.render(unmasked),
                this.scope == null ? null : this.scope.render(scope));
    }

    /** One token request; every failure becomes a cached {@link TokenResult#failure}. */
    private TokenResult request(TokenKey key, AttributeScope unmasked) {
        String url = key.tokenUrl();
        String id = key.clientId();
        String secret = clientSecret.render(unmasked);
        StringBuilder form = new StringBuilder("grant_type=client_credentials");
        if (key.scope() != null && !key.scope().isBlank()) {
            form.append("&scope=").append(encode(key.scope()));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Accept", "application/json");
        if (clientAuth == AuthPlan.ClientAuth.BODY) {
            form.append("&client_id=").append(encode(id)).append("&client_secret=").append(encode(secret));
        } else {
            String credentials = encode(id) + ":" + encode(secret);
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        }
        TokenEndpoint.Answer answer;
        try {
            answer = endpoint.post(url, headers, form.toString());
        } catch (AuthenticationException e) {
            return TokenResult.failure("token request to " + url + " failed: " + e.getMessage());
        }
        JsonNode json = parse(answer.body());
        if (answer.status() < 200 || answer.status() > 299) {
            String error = json == null ? "" : json.path("error").asText("");
            return TokenResult.failure("token endpoint " + url + " answered " + answer.status()
                    + (error.isEmpty() ? "" : " (" + error + ")"));
        }
        if (json == null || !json.isObject()) {
            return TokenResult.failure("token endpoint " + url + " answered with a body that is not JSON");
        }
        JsonNode token = json.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isEmpty()) {
            return TokenResult.failure("token endpoint " + url + " answered without an access_token");
        }
        int unsendable = unsendable(token.asText());
        if (unsendable >= 0) {
            // The position only: the token is a secret even when it is malformed.
            return TokenResult.failure("token endpoint " + url + " answered an access_token with a character that is not "
                    + "visible ASCII at position " + (unsendable + 1) + "; a bearer token must be visible ASCII without spaces "
                    + "(RFC 6750)");
        }
        long expiresIn = lifetime(json.get("expires_in"));
        if (json.hasNonNull("token_type") && !json.get("token_type").asText().toLowerCase(Locale.ROOT).equals("bearer")) {
            return TokenResult.failure("token endpoint " + url + " issued a \"" + json.get("token_type").asText()
                    + "\" token; only bearer tokens are supported");
        }
        return TokenResult.success(token.asText(), expiresIn);
    }

    /**
     * The token's lifetime in seconds: {@code expires_in} as a number or digits, {@value #DEFAULT_EXPIRES_IN}
     * when absent or unreadable, at most a day (SPEC §11): a token "valid for ever" is renewed daily anyway.
     */
    static long lifetime(JsonNode expires) {
        if (expires == null) {
            return DEFAULT_EXPIRES_IN;
        }
        java.math.BigDecimal seconds = expires.isNumber() ? expires.decimalValue()
                : expires.isTextual() && expires.asText().strip().matches("\\d{1,30}") ? new java.math.BigDecimal(expires.asText().strip())
                : null;
        if (seconds == null || seconds.signum() <= 0) {
            return DEFAULT_EXPIRES_IN;
        }
        return seconds.compareTo(java.math.BigDecimal.valueOf(MAX_EXPIRES_IN)) > 0 ? MAX_EXPIRES_IN : seconds.longValue();
    }

    /**
     * The index of the first character of {@code token} a header line cannot carry as a bearer token, or -1. HttpClient
     * writes a line break in a header value as a space and anything beyond ASCII as {@code ?}: the API would get a
     * token that is not the one issued, and a hostile endpoint would shape the request's header lines.
     */
    static int unsendable(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c <= 0x20 || c >= 0x7f) {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
