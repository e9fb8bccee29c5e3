package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.webhookactions.testsupport.UpstreamStub;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole application, started as it runs, with the CRM replaced by an UpstreamStub: the action sends its real
 * request over loopback and a route of this test answers it.
 */
class GreeterApplicationTest {

    private UpstreamStub crm;
    private Main main;

    @BeforeEach
    void start() throws Exception {
        crm = UpstreamStub.start();
        main = GreeterApplication.newMain();
        main.addOverrideProperty("crm.base-url", crm.url());
        main.addOverrideProperty("webhook.secret.crm_token", "test-token");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:crm").to("mock:crm").choice()
                        .when(header(Exchange.HTTP_PATH).isEqualTo("/users/42")).setBody(constant("{\"data\": {\"name\": \"Ada\"}}"))
                        .otherwise().setHeader(Exchange.HTTP_RESPONSE_CODE, constant(404)).setBody(constant("{\"error\": \"unknown user\"}"));
            }
        });
        main.start();
        crm.forwardTo(main.getCamelContext(), "direct:crm");
    }

    @AfterEach
    void stop() {
        main.stop();
        crm.close();
    }

    @Test
    void knownUserIsWelcomedByNameAndTheCrmSawTheToken() throws Exception {
        MockEndpoint requests = main.getCamelContext().getEndpoint("mock:crm", MockEndpoint.class);
        requests.expectedHeaderReceived("Authorization", "Bearer test-token");
        ProducerTemplate template = main.getCamelContext().createProducerTemplate();

        String greeting = template.requestBody("direct:welcome", Map.of("user", Map.of("user_id", "42")), String.class);

        assertEquals("Welcome back, Ada!", greeting);
        requests.assertIsSatisfied();
    }

    @Test
    void unknownUserGetsTheGenericWelcome() {
        ProducerTemplate template = main.getCamelContext().createProducerTemplate();

        String greeting = template.requestBody("direct:welcome", Map.of("user", Map.of("user_id", "7")), String.class);

        assertEquals("Welcome!", greeting);
    }
}
