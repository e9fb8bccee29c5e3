package io.webhookactions.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.webhookactions.testing.Upstream;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.CatalogCamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.BeanIntrospection;
import org.apache.camel.spi.PropertyConfigurer;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.Test;

/**
 * Camel's tooling sees the component as one of its own: the generated configurers set options without
 * reflection, and the generated descriptor lists every option (with its default) and every header.
 */
class GeneratedMetadataTest {

    @Test
    void endpointOptionsAreSetByTheGeneratedConfigurerWithoutReflection() throws Exception {
        try (Upstream upstream = HostRoutes.upstream(); CamelContext context = new DefaultCamelContext()) {
            HostRoutes.properties(context, upstream);
            HostRoutes.load(context, "greet");
            context.start();
            BeanIntrospection introspection = PluginHelper.getBeanIntrospection(context);
            introspection.setExtendedStatistics(true);
            context.getComponent("webhook-action");
            introspection.resetCounters();

            WebhookActionEndpoint endpoint = context.getEndpoint(
                    "webhook-action:greet?keepBody=true&throwExceptionOnFailure=true&includeExchange=false",
                    WebhookActionEndpoint.class);

            assertThat(introspection.getInvokedCounter()).isZero();
            assertThat(endpoint.getConfiguration().isKeepBody()).isTrue();
            assertThat(endpoint.getConfiguration().isThrowExceptionOnFailure()).isTrue();
            assertThat(endpoint.getConfiguration().isIncludeExchange()).isFalse();
            PropertyConfigurer configurer = PluginHelper.getConfigurerResolver(context)
                    .resolvePropertyConfigurer("webhook-action-endpoint", context);
            assertThat(configurer).isInstanceOf(WebhookActionEndpointConfigurer.class);
        }
    }

    @Test
    void descriptorListsTheComponentEveryOptionWithItsDefaultAndEveryHeader() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            String json = ((CatalogCamelContext) context).getComponentParameterJsonSchema("webhook-action");
            JsonObject root = (JsonObject) Jsoner.deserialize(json);

            JsonObject component = object(root, "component");
            assertThat(component.getString("scheme")).isEqualTo("webhook-action");
            assertThat(component.getString("syntax")).isEqualTo("webhook-action:name");
            assertThat(component.getBoolean("producerOnly")).isTrue();
            assertThat(component.getString("description")).startsWith("Run declarative webhook actions").doesNotContain("{");
            JsonObject properties = object(root, "properties");
            assertThat(object(properties, "name").getBoolean("required")).isTrue();
            assertThat(defaults(properties)).containsEntry("keepBody", false).containsEntry("throwExceptionOnFailure", false)
                    .containsEntry("includeExchange", true);
            assertThat(object(root, "headers").keySet().stream().map(String::valueOf)).containsExactlyInAnyOrder(WebhookActionConstants.CONTEXTS,
                    WebhookActionConstants.SUCCESS, WebhookActionConstants.STATUS_CODE, WebhookActionConstants.ERROR,
                    WebhookActionConstants.ATTRIBUTES);
            assertThat(object(object(root, "headers"), WebhookActionConstants.STATUS_CODE).getString("javaType")).isEqualTo("Integer");
        }
    }

    private static JsonObject object(JsonObject parent, String key) {
        return (JsonObject) parent.get(key);
    }

    private static Map<String, Object> defaults(JsonObject properties) {
        Map<String, Object> defaults = new java.util.HashMap<>();
        properties.forEach((name, option) -> {
            JsonObject description = (JsonObject) option;
            if (description.containsKey("defaultValue")) {
                defaults.put(name, description.get("defaultValue"));
            }
            assertThat(description.getString("description")).as("%s is documented", name).isNotBlank();
        });
        return defaults;
    }
}
