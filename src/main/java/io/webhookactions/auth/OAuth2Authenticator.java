package io.webhookactions.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.webhookactions.attribute.SecretSource;
import io.webhookactions.definition.Authentication;
import io.webhookactions.template.AttributeScope;
import io.webhookactions.template.Template;
import io.webhookactions.template.UrlTemplate;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * OAuth2 client credentials (SPEC §5.3): a cached access token sent as {@code Authorization: Bearer}
 * to the action's own host only. The token request is {@code grant_type=client_credentials[&scope=...]}
 * with the credentials in a Basic header (default) or in the form body.
 */
public final class OAuth2Authenticator implements Authenticator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEFAULT_EXPIRES_IN = 3600;

    private final UrlTemplate tokenUrl;
    private final Template clientId;
    private final Template clientSecret;
    private final Template scope;
    private final Authentication.ClientAuth clientAuth;
    private final String ownHost;
    private final TokenCache cache;
    private final TokenEndpoint endpoint;

    private OAuth2Authenticator(UrlTemplate tokenUrl, Template clientId, Template clientSecret, Template scope,
                                Authentication.ClientAuth clientAuth, String ownHost, TokenCache cache, TokenEndpoint endpoint) {
        this.tokenUrl = tokenUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.scope = scope;
        this.clientAuth = clientAuth;
        this.ownHost = ownHost;
        this.cache = cache;
        this.endpoint = endpoint;
    }

    /**
     * @param ownHost the host the action's URL names (written literally, checked at load); the token goes
     *                nowhere else
     */
    public static OAuth2Authenticator compile(Authentication.OAuth2ClientCredentials auth, UnaryOperator<String> properties,
                                              String ownHost, TokenCache cache, TokenEndpoint endpoint) {
        return new OAuth2Authenticator(UrlTemplate.compile(Template.parse(auth.tokenUrl()).withPlaceholders(properties)),
                Template.parse(auth.clientId()).withPlaceholders(properties),
                Template.parse(auth.clientSecret()).withPlaceholders(properties),
                auth.scope() == null ? null : Template.parse(auth.scope()).withPlaceholders(properties),
                auth.clientAuth(), ownHost, cache, endpoint);
    }

    @Override
    public void authenticate(AuthRequest request) {
        String host = URI.create(request.url()).getHost();
        if (!host.equalsIgnoreCase(ownHost)) {
            throw new AuthenticationException("the OAuth2 token is only sent to " + ownHost + ", not to " + host);
        }
        TokenKey key = key(request.scope());
        String token = cache.token(key, () -> request(key, request.scope().unmasked()));
        request.header("Authorization", "Bearer " + token, "Bearer " + SecretSource.MASK);
    }

    @Override
    public boolean renewAfterUnauthorized(AuthRequest request) {
        String sent = request.headers().get("Authorization");
        if (sent == null || !sent.startsWith("Bearer ")) {
            return false;
        }
        cache.evict(key(request.scope()), sent.substring("Bearer ".length()));
        authenticate(request);
        return true;
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
        if (clientAuth == Authentication.ClientAuth.BODY) {
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
                    + (error.isEmpty() ? "" : " (" + error + ")") + "; the request was not sent");
        }
        if (json == null || !json.isObject()) {
            return TokenResult.failure("token endpoint " + url + " answered with a body that is not JSON; the request was not sent");
        }
        JsonNode token = json.get("access_token");
        if (token == null || !token.isTextual() || token.asText().isEmpty()) {
            return TokenResult.failure("token endpoint " + url + " answered without an access_token; the request was not sent");
        }
        JsonNode expires = json.get("expires_in");
        long expiresIn = expires != null && expires.canConvertToLong() && expires.asLong() > 0 ? expires.asLong()
                : expires != null && expires.isTextual() && expires.asText().matches("\\d+") ? Long.parseLong(expires.asText())
                : DEFAULT_EXPIRES_IN;
        if (json.hasNonNull("token_type") && !json.get("token_type").asText().toLowerCase(Locale.ROOT).equals("bearer")) {
            return TokenResult.failure("token endpoint " + url + " issued a \"" + json.get("token_type").asText()
                    + "\" token; only bearer tokens are supported");
        }
        return TokenResult.success(token.asText(), expiresIn);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
