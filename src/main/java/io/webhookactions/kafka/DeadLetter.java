package io.webhookactions.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.support.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a refused request into the record written to the dead-letter topic, under the request's key:
 * <pre>
 *   {"reason": "no webhook action named \"nope\"", "id": "r-7", "payload": "...the record as received...",
 *    "topic": "webhook-requests", "partition": 3, "offset": 1207}
 * </pre>
 * {@code payload} is the original text, so a fixed request can be produced again as it was; {@code id} is null when
 * the record did not get as far as one. The reason is logged at WARN too (it names no secret: a request carries none).
 */
final class DeadLetter implements Processor {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetter.class);

    @Override
    public void process(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String reason = caught != null ? caught.getMessage() : "refused";
        String id = caught instanceof RejectedRequest rejected ? rejected.id() : null;
        ObjectNode letter = Json.NODES.objectNode();
        letter.put("reason", reason);
        letter.put("id", id);
        letter.put("payload", exchange.getProperty(KafkaRoutes.PAYLOAD, String.class));
        letter.put("topic", exchange.getMessage().getHeader(KafkaConstants.TOPIC, String.class));
        letter.put("partition", exchange.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class));
        letter.put("offset", exchange.getMessage().getHeader(KafkaConstants.OFFSET, Long.class));
        LOG.warn("kafka request {} at {}-{}@{} goes to the dead-letter topic: {}", id == null ? "(no id)" : id,
                letter.path("topic").asText(), letter.path("partition").asText(), letter.path("offset").asText(), reason);
        exchange.getMessage().setBody(letter.toString());
    }
}
