package io.webhookactions.api;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.webhookactions.history.ExecutionHistory;
import io.webhookactions.perimeter.PerimeterSettings;
import io.webhookactions.runtime.WebhookActions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;

/**
 * The service's HTTP API, testing panel and health report, mounted on the Vert.x router of Camel's embedded
 * server (the server Camel Main starts on {@code camel.server.host}:{@code camel.server.port}). Every request
 * passes the {@link Guard} first; executions run on their own {@link ExecutionPool}; everything else answers
 * on the server's event loop, so none of it waits behind a slow upstream. Unknown paths and wrong methods
 * are answered with JSON errors (405 with {@code Allow}).
 */
public final class ApiServer implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ApiServer.class);

    /** A request body larger than this is refused with 413. */
    static final long MAX_BODY_BYTES = 1024 * 1024;

    private final ExecutionPool pool;
    private final List<Endpoint> endpoints = new ArrayList<>();

    /** One method and path this API serves, for the 405 answer's {@code Allow}. */
    private record Endpoint(HttpMethod method, Pattern path) {
    }

    private ApiServer(ExecutionPool pool) {
        this.pool = pool;
    }

    /** Mounts the API on the router of the server listening on {@code settings.port()}. */
    public static ApiServer mount(CamelContext context, WebhookActions actions, PerimeterSettings settings) {
        return mount(context, actions, settings, null);
    }

    /** With the execution history's endpoints reading {@code history} (null: history is off). */
    public static ApiServer mount(CamelContext context, WebhookActions actions, PerimeterSettings settings,
                                  ExecutionHistory history) {
        Router router = VertxPlatformHttpRouter.lookup(context, VertxPlatformHttpRouter.getRouterNameFromPort(settings.port()));
        if (router == null) {
            throw new IllegalStateException("Camel's HTTP server is not running (camel.server.enabled)");
        }
        ApiServer server = new ApiServer(new ExecutionPool(settings.maxConcurrent()));
        server.mount(router, context, actions, settings, history);
        return server;
    }

    private void mount(Router router, CamelContext context, WebhookActions actions, PerimeterSettings settings,
                       ExecutionHistory history) {
        router.route().order(Integer.MIN_VALUE + 1).handler(new Guard(settings));
        router.route("/api/*").order(Integer.MIN_VALUE + 2).handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES))
                .failureHandler(ApiServer::failure);

        ActionsApi api = new ActionsApi(actions, pool, settings.maxPipelineActions());
        HealthApi health = new HealthApi(context, actions);
        PanelFiles panel = new PanelFiles();
        add(router, HttpMethod.GET, "/api/actions", "/api/actions", api::list);
        add(router, HttpMethod.GET, "/api/problems", "/api/problems", api::problems);
        add(router, HttpMethod.POST, "/api/actions/:name/test", "/api/actions/[^/]+/test", ctx -> api.run(ctx, true));
        add(router, HttpMethod.POST, "/api/actions/:name/execute", "/api/actions/[^/]+/execute", ctx -> api.run(ctx, false));
        add(router, HttpMethod.POST, "/api/pipelines/execute", "/api/pipelines/execute", api::pipeline);
        HistoryApi executions = new HistoryApi(history);
        add(router, HttpMethod.GET, "/api/executions", "/api/executions", executions::list);
        add(router, HttpMethod.GET, "/api/executions.csv", "/api/executions\\.csv", executions::csv);
        add(router, HttpMethod.GET, "/api/executions/:id", "/api/executions/[^/]+", executions::one);
        add(router, HttpMethod.GET, "/observe/health", "/observe/health", health::handle);
        add(router, HttpMethod.GET, "/", "/", panel::page);
        add(router, HttpMethod.GET, "/panel/:file", "/panel/[^/]+", panel::file);
        add(router, HttpMethod.GET, "/favicon.ico", "/favicon.ico", ctx -> ctx.reroute("/panel/favicon.svg"));

        // Last of all, after Camel's own routes (metrics, the demo): what nothing answered.
        router.route().order(Integer.MAX_VALUE - 1).handler(this::notFound);
        // A path Vert.x cannot decode (%zz) fails before any route, so before the guard: answered in JSON here, with the
        // security headers the guard would have set, rather than as Vert.x's plain "Bad Request".
        router.errorHandler(400, ctx -> {
            SecurityHeaders.add(ctx.response().headers());
            failure(ctx);
        });
    }

    /** Adds a route that comes before Camel's own, so the API answers its paths whatever else is mounted. */
    private void add(Router router, HttpMethod method, String path, String regex, io.vertx.core.Handler<RoutingContext> handler) {
        Route route = router.route(method, path).order(-100);
        route.handler(handler).failureHandler(ApiServer::failure);
        endpoints.add(new Endpoint(method, Pattern.compile(regex)));
    }

    /** A path this API knows with another method is 405 (with {@code Allow}), anything else 404. */
    private void notFound(RoutingContext ctx) {
        Set<String> allowed = new TreeSet<>();
        for (Endpoint endpoint : endpoints) {
            if (endpoint.path().matcher(ctx.normalizedPath()).matches()) {
                allowed.add(endpoint.method().name());
            }
        }
        if (allowed.isEmpty()) {
            Replies.error(ctx, 404, "nothing at " + ctx.normalizedPath() + "; the API is under /api, the panel at /");
        } else {
            ctx.response().putHeader("Allow", String.join(", ", allowed));
            Replies.error(ctx, 405, ctx.request().method().name() + " is not allowed on " + ctx.normalizedPath() + "; use "
                    + String.join(" or ", allowed));
        }
    }

    private static void failure(RoutingContext ctx) {
        int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
        if (status == 500) {
            // The answer sends the caller here: the log must have it.
            LOG.error("API request {} {} failed unexpectedly", ctx.request().method(), ctx.request().path(), ctx.failure());
        }
        Replies.error(ctx, status, status == 413 ? "the request body is larger than " + MAX_BODY_BYTES + " bytes"
                : status == 500 ? "internal error; see the service log"
                : status == 400 ? "the request is malformed" + malformed(ctx.failure()) : "request failed (" + status + ")");
    }

    /** What Vert.x found wrong with a request it could not take apart, in the caller's terms. */
    private static String malformed(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (message.contains("escape") || message.contains("decod") || message.contains("hex")) {
                return ": its path or query is not valid percent-encoding (a % starts %XX, two hex digits; send % itself as %25)";
            }
        }
        return failure == null || failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")";
    }

    /** Lets running executions finish, within {@code seconds}. */
    public void drain(long seconds) throws InterruptedException {
        pool.drain(seconds);
    }

    @Override
    public void close() {
        pool.close();
    }
}
