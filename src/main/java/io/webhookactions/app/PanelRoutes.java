package io.webhookactions.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/** Serves the testing panel: {@code GET /} and its two assets. Plain files from the jar, no build step. */
public final class PanelRoutes extends RouteBuilder {

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "panel.css", "text/css; charset=utf-8",
            "panel.js", "text/javascript; charset=utf-8");

    @Override
    public void configure() {
        from("platform-http:/?httpMethodRestrict=GET").routeId("panel:page").process(exchange -> serve(exchange, "index.html"));
        from("platform-http:/panel/{file}?httpMethodRestrict=GET").routeId("panel:assets")
                .process(exchange -> serve(exchange, exchange.getMessage().getHeader("file", String.class)));
    }

    private static void serve(Exchange exchange, String file) throws IOException {
        exchange.getMessage().removeHeaders("*");
        String type = FILES.get(file);
        if (type == null) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            exchange.getMessage().setBody("not found");
            return;
        }
        try (InputStream in = PanelRoutes.class.getResourceAsStream("/io/webhookactions/panel/" + file)) {
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, type);
            exchange.getMessage().setHeader("Cache-Control", "no-cache");
            exchange.getMessage().setBody(in.readAllBytes());
        }
    }
}
