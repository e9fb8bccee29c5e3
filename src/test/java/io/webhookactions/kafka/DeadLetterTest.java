package io.webhookactions.kafka;

import static io.webhookactions.kafka.KafkaRequestsTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The record a refused request leaves on the dead-letter topic. */
class DeadLetterTest {

    private final CamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void aLetterSaysWhyAndWhereAndKeepsTheRecordAsItCame() {
        Exchange exchange = refused("{\"id\": \"r-1\", \"action\": \"nope\"}", new RejectedRequest("r-1", "no webhook action named \"nope\""));

        new DeadLetter().process(exchange);

        assertThat(json(exchange.getMessage().getBody(String.class))).isEqualTo(json("{\"reason\": \"no webhook action named \\\"nope\\\"\","
                + " \"id\": \"r-1\", \"payload\": \"{\\\"id\\\": \\\"r-1\\\", \\\"action\\\": \\\"nope\\\"}\", \"topic\": \"requests\","
                + " \"partition\": 2, \"offset\": 41}"));
    }

    @Test
    void aHugeRecordIsCutSoItsLetterStillFitsTheTopic() {
        String huge = "\"".repeat(DeadLetter.MAX_PAYLOAD_CHARS + 10);
        Exchange exchange = refused(huge, new RejectedRequest(null, "not JSON: ..."));

        new DeadLetter().process(exchange);

        JsonNode letter = json(exchange.getMessage().getBody(String.class));
        assertThat(letter.get("payload").asText()).hasSize(DeadLetter.MAX_PAYLOAD_CHARS);
        assertThat(letter.get("payload_truncated").booleanValue()).isTrue();
    }

    private Exchange refused(String payload, Exception reason) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.setProperty(KafkaRoutes.PAYLOAD, payload);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, reason);
        exchange.getMessage().setHeader(KafkaConstants.TOPIC, "requests");
        exchange.getMessage().setHeader(KafkaConstants.PARTITION, 2);
        exchange.getMessage().setHeader(KafkaConstants.OFFSET, 41L);
        return exchange;
    }
}
