package io.webhookactions.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The testing panel: {@code GET /} and its files, read once from the jar. Scripts and styles are files of
 * their own (nothing inline), so the page works under {@code Content-Security-Policy: default-src 'self'}.
 */
final class PanelFiles {

    static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "panel.css", "text/css; charset=utf-8",
            "panel.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    private final Map<String, Buffer> files = new ConcurrentHashMap<>();

    void page(RoutingContext ctx) {
        serve(ctx, "index.html");
    }

    void file(RoutingContext ctx) {
        String name = ctx.pathParam("file");
        if (!TYPES.containsKey(name)) {
            Replies.error(ctx, 404, "no panel file named " + name);
            return;
        }
        serve(ctx, name);
    }

    private void serve(RoutingContext ctx, String name) {
        Buffer content = files.computeIfAbsent(name, PanelFiles::read);
        ctx.response().putHeader("Content-Type", TYPES.get(name)).putHeader("Cache-Control", "no-cache").end(content);
    }

    private static Buffer read(String name) {
        try (InputStream in = PanelFiles.class.getResourceAsStream("/io/webhookactions/panel/" + name)) {
            if (in == null) {
                throw new IllegalStateException("panel file " + name + " is missing from the jar");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
