package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.webhookactions.testsupport.ActionStubs;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.Test;

/** The host's route alone, with the whole get_user action stubbed by AdviceWith: nothing is sent anywhere. */
class GreetingRoutesTest extends CamelTestSupport {

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected RoutesBuilder createRouteBuilder() throws Exception {
        context.getPropertiesComponent().addInitialProperty("crm.base-url", "http://127.0.0.1:1");
        PluginHelper.getRoutesLoader(context).loadRoutes(PluginHelper.getResourceLoader(context)
                .resolveResource("classpath:routes/get_user.webhook.json"));
        return new GreetingRoutes();
    }

    @Test
    void stubbedActionFeedsTheGreeting() throws Exception {
        ActionStubs.stub(context, "get_user", true, 200, Map.of("user_name", "Grace"));
        context.start();

        assertEquals("Welcome back, Grace!", template.requestBody("direct:welcome", Map.of("user", Map.of("user_id", "1")), String.class));
    }
}
