package io.webhookactions.api;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.webhookactions.perimeter.Access;
import io.webhookactions.perimeter.Caller;
import io.webhookactions.perimeter.OidcTokens;
import io.webhookactions.perimeter.PerimeterSettings;
import io.webhookactions.perimeter.Role;
import java.util.Locale;
import java.util.Optional;

/**
 * The first handler of every request to the service (SPEC §10), in this order: security headers on the
 * answer; the {@code Host} check against DNS rebinding; the {@code Origin} check against cross-site requests;
 * the bearer token where a role is needed; the media type of an API body. A request that passes carries its
 * {@link Caller} on to the handlers.
 */
final class Guard implements Handler<RoutingContext> {

    static final String CALLER = "webhook-actions.caller";

    private final PerimeterSettings settings;

    Guard(PerimeterSettings settings) {
        this.settings = settings;
    }

    static Caller caller(RoutingContext ctx) {
        Caller caller = ctx.get(CALLER);
        return caller == null ? Caller.LOCAL : caller;
    }

    @Override
    public void handle(RoutingContext ctx) {
        ctx.addHeadersEndHandler(ignored -> SecurityHeaders.add(ctx.response().headers()));
        HttpServerRequest request = ctx.request();
        String path = ctx.normalizedPath();
        boolean auth = settings.authApplies();

        String host = hostName(authority(request));
        if ((!auth || !settings.allowedHosts().isEmpty()) && !hostAllowed(host)) {
            Replies.error(ctx, 421, "this service does not answer to the host name \"" + host + "\"; add it to"
                    + " webhook.api.allowed-hosts if it is yours");
            return;
        }
        String origin = request.getHeader("Origin");
        if (origin != null && !origin.equalsIgnoreCase(ownOrigin(request)) && !settings.allowedOrigins().contains(origin)) {
            Replies.error(ctx, 403, "requests from the web origin " + origin + " are not allowed; list it in"
                    + " webhook.api.allowed-origins if it is yours");
            return;
        }
        Role needed = Access.needed(request.method().name(), path);
        if (needed != null && auth) {
            Optional<Caller> caller = authenticate(ctx, request.getHeader("Authorization"));
            if (caller.isEmpty()) {
                return;
            }
            if (!caller.get().role().allows(needed)) {
                Replies.error(ctx, 403, "the role " + caller.get().role().key() + " of " + caller.get().name()
                        + " does not allow this; it needs " + needed.key());
                return;
            }
            ctx.put(CALLER, caller.get());
        } else {
            ctx.put(CALLER, Caller.LOCAL);
        }
        if (path.startsWith("/api/") && hasBody(request) && !isJson(request.getHeader("Content-Type"))) {
            Replies.error(ctx, 415, "send the body as JSON with Content-Type: application/json (got "
                    + (request.getHeader("Content-Type") == null ? "none" : request.getHeader("Content-Type")) + ")");
            return;
        }
        ctx.next();
    }

    /** The caller a bearer token names, or empty after answering 401 or 403. */
    private Optional<Caller> authenticate(RoutingContext ctx, String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            unauthorized(ctx, authorization == null ? "this API needs a token: send Authorization: Bearer TOKEN (create one"
                    + " with: keys create NAME --role viewer)" : "only bearer tokens are accepted: Authorization: Bearer TOKEN", false);
            return Optional.empty();
        }
        String token = authorization.substring(7).strip();
        Optional<Caller> key = settings.keys().authenticate(token);
        if (key.isPresent()) {
            return key;
        }
        if (settings.oidc() != null && !token.startsWith(io.webhookactions.perimeter.ApiKeyStore.PREFIX)) {
            OidcTokens.Verdict verdict = settings.oidc().verify(token);
            if (verdict instanceof OidcTokens.Verdict.Accepted accepted) {
                return Optional.of(accepted.caller());
            }
            if (verdict instanceof OidcTokens.Verdict.NoRole noRole) {
                Replies.error(ctx, 403, "the token of " + noRole.subject() + " names no role of this service"
                        + " (viewer, tester, executor, admin)");
                return Optional.empty();
            }
        }
        unauthorized(ctx, "the token is not valid (unknown, revoked, expired, or not for this service)", true);
        return Optional.empty();
    }

    private static void unauthorized(RoutingContext ctx, String message, boolean invalidToken) {
        ctx.response().putHeader("WWW-Authenticate", invalidToken ? "Bearer error=\"invalid_token\"" : "Bearer");
        Replies.error(ctx, 401, message);
    }

    private boolean hostAllowed(String host) {
        String bare = unbracketed(host);
        return bare.equals("localhost") || bare.equals(unbracketed(settings.bindHost().toLowerCase(Locale.ROOT)))
                || (settings.loopbackOnly() && (bare.equals("127.0.0.1") || bare.equals("::1")))
                || settings.allowedHosts().contains(host) || settings.allowedHosts().contains(bare);
    }

    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** The host of a Host header, lower case, without the port ({@code [::1]:8080} -> {@code [::1]}). */
    static String hostName(String header) {
        if (header == null) {
            return "";
        }
        String host = header.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            return close < 0 ? host : host.substring(0, close + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private String ownOrigin(HttpServerRequest request) {
        return (settings.tls() ? "https://" : "http://") + authority(request);
    }

    /** The Host header, or HTTP/2's :authority (a Java HttpClient upgrades to h2c and sends no Host). */
    private static String authority(HttpServerRequest request) {
        String host = request.getHeader("Host");
        if (host == null && request.authority() != null) {
            host = request.authority().host() + (request.authority().port() > 0 ? ":" + request.authority().port() : "");
        }
        return host;
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        return request.getHeader("Transfer-Encoding") != null || (length != null && !length.strip().equals("0"));
    }

    /** The media type, parameters aside, is exactly application/json. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.equalsIgnoreCase("application/json");
    }
}
