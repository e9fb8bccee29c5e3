package example;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.webhookactions.testsupport.ActionStubs;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.test.spring.junit5.CamelSpringBootTest;
import org.apache.camel.test.spring.junit5.UseAdviceWith;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The whole get_user action stubbed with AdviceWith before Camel starts: nothing is sent anywhere. */
@CamelSpringBootTest
@SpringBootTest(properties = "crm.base-url=http://127.0.0.1:1")
@UseAdviceWith
class StubbedActionTest {

    @Autowired
    CamelContext camel;

    @Autowired
    ProducerTemplate template;

    @Test
    void stubbedActionFeedsTheGreeting() throws Exception {
        ActionStubs.stub(camel, "get_user", true, 200, Map.of("user_name", "Grace"));
        camel.start();

        assertEquals("Welcome back, Grace!", template.requestBody("direct:welcome", Map.of("user", Map.of("user_id", "1")), String.class));
    }
}
