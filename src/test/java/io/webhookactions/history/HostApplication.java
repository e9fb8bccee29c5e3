package io.webhookactions.history;

import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

/**
 * A small Camel host: its properties, one {@code *.webhook.json} loaded through its routes loader, and a route that
 * calls the action with {@code to("webhook-action:NAME")}. Public with a static entry point, so a test can also run it
 * in a class loader of its own.
 */
public final class HostApplication {

    private HostApplication() {
    }

    /** Starts the host, calls {@code action} once with {@code user_id}, stops the host; returns the call's result map. */
    public static Map<?, ?> callOnce(Map<String, String> properties, Path definition, String action, String userId) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            properties.forEach((key, value) -> camel.getPropertiesComponent().addInitialProperty(key, value));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() throws Exception {
                    PluginHelper.getRoutesLoader(getContext()).loadRoutes(
                            ResourceHelper.resolveMandatoryResource(getContext(), "file:" + definition));
                    from("direct:call").to("webhook-action:" + action);
                }
            });
            camel.start();
            return camel.createProducerTemplate().requestBody("direct:call", Map.of("user", Map.of("user_id", userId)), Map.class);
        }
    }

    /** Whether a history is bound in a host started with {@code properties}. */
    public static boolean hasHistory(Map<String, String> properties, Path definition) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            properties.forEach((key, value) -> camel.getPropertiesComponent().addInitialProperty(key, value));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() throws Exception {
                    PluginHelper.getRoutesLoader(getContext()).loadRoutes(
                            ResourceHelper.resolveMandatoryResource(getContext(), "file:" + definition));
                }
            });
            camel.start();
            return camel.getRegistry().lookupByName(ExecutionHistory.BEAN) != null;
        }
    }
}
