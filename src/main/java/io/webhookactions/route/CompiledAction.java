package io.webhookactions.route;

import io.webhookactions.definition.DefinitionInputs;
import io.webhookactions.definition.RequestTemplate;
import io.webhookactions.definition.WebhookActionDefinition;
import io.webhookactions.response.ResponseMapping;
import java.util.List;
import java.util.function.UnaryOperator;

/** A definition with everything that can be prepared at load prepared: templates, expressions, inputs. */
public record CompiledAction(WebhookActionDefinition definition, RequestTemplate request, ResponseMapping response,
                             List<String> inputs) {

    public static CompiledAction compile(WebhookActionDefinition definition, UnaryOperator<String> properties,
                                         WebhookActionsSettings settings) {
        return new CompiledAction(definition, RequestTemplate.compile(definition, properties),
                ResponseMapping.compile(definition, settings.types()), DefinitionInputs.of(definition));
    }

    public String name() {
        return definition.name();
    }

    /** The Camel route id of this action. */
    public String routeId() {
        return routeId(definition.name());
    }

    public static String routeId(String name) {
        return ROUTE_ID_PREFIX + name;
    }

    /** Every action route's id starts with this. */
    public static final String ROUTE_ID_PREFIX = "webhook-action:";

    /**
     * The internal endpoint the action's route consumes from. A call waits at most 2 s for its consumer
     * (a reload swaps the route), not direct's default 30 s: a removed action must fail fast.
     */
    public static String entryUri(String name) {
        return "direct:webhook-action." + name + "?timeout=2000";
    }
}
