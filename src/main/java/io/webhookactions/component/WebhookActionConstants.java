package io.webhookactions.component;

import org.apache.camel.spi.Metadata;

/**
 * The message headers of a {@code webhook-action} endpoint: one it reads (the contexts) and four it sets from
 * the result. Documented here with {@link Metadata} so Camel's tooling lists them in the component descriptor.
 */
public final class WebhookActionConstants {

    @Metadata(label = "producer", description = "The contexts the action runs with, a Map of context name (user,"
            + " session, global, conversation) to a Map of attributes. When absent the body is read as the contexts"
            + " (a Map, a Jackson JsonNode or a JSON string).", javaType = "java.util.Map<String, Object>")
    public static final String CONTEXTS = "CamelWebhookActionContexts";

    @Metadata(label = "producer", description = "Whether the action succeeded (its N_action_success).",
            javaType = "Boolean")
    public static final String SUCCESS = "CamelWebhookActionSuccess";

    @Metadata(label = "producer", description = "The HTTP status code of the upstream's response; null when no"
            + " response was received.", javaType = "Integer")
    public static final String STATUS_CODE = "CamelWebhookActionStatusCode";

    @Metadata(label = "producer", description = "Why the action did not succeed (its N_error, secrets masked); null"
            + " when it succeeded.", javaType = "String")
    public static final String ERROR = "CamelWebhookActionError";

    @Metadata(label = "producer", description = "The attributes the action set, a Map of context name (user, session)"
            + " to a Map of attribute name to value.", javaType = "java.util.Map<String, java.util.Map<String, Object>>")
    public static final String ATTRIBUTES = "CamelWebhookActionAttributes";

    private WebhookActionConstants() {
    }
}
