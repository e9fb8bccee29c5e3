package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.webhookactions.testsupport.UpstreamStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring Boot application with the CRM replaced by an UpstreamStub: the action sends its real request (token
 * from the Spring Environment) over loopback, and a route of this test answers it.
 */
@CamelSpringBootTest
@SpringBootTest(properties = "webhook.secret.crm_token=test-token")
class GreetingRoutesTest {

    private static final UpstreamStub CRM = start();

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate template;

    private static UpstreamStub start() {
        try {
            return UpstreamStub.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void crmIsTheStub(DynamicPropertyRegistry registry) {
        registry.add("crm.base-url", CRM::url);
    }

    @AfterAll
    static void stopStub() {
        CRM.close();
    }

    @BeforeEach
    void answerWithATestRoute() throws Exception {
        if (camel.getRoute("crm-stub") == null) {
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:crm").routeId("crm-stub").to("mock:crm")
                            .setBody(constant("{\"data\": {\"name\": \"Ada\"}}"));
                }
            });
        }
        CRM.forwardTo(camel, "direct:crm");
    }

    @Test
    void knownUserIsWelcomedByNameAndTheCrmSawTheToken() throws Exception {
        MockEndpoint requests = camel.getEndpoint("mock:crm", MockEndpoint.class);
        requests.reset();
        requests.expectedHeaderReceived("Authorization", "Bearer test-token");
        requests.expectedHeaderReceived(Exchange.HTTP_PATH, "/users/42");

        String greeting = template.requestBody("direct:welcome", Map.of("user", Map.of("user_id", "42")), String.class);

        assertEquals("Welcome back, Ada!", greeting);
        requests.assertIsSatisfied();
    }
}
