package io.webhookactions.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.support.Json;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a refused request, or one whose result the results topic refused as too large, into the record written to the
 * dead-letter topic, under the request's key:
 * <pre>
 *   {"reason": "no webhook action named \"nope\"", "id": "r-7", "payload": "...the record as received...",
 *    "topic": "webhook-requests", "partition": 3, "offset": 1207}
 * </pre>
 * {@code payload} is the original text, so a fixed request can be produced again as it was (cut at
 * {@value #MAX_PAYLOAD_CHARS} characters, with {@code "payload_truncated": true}); {@code id} is null when the record did
 * not get as far as one. The reason is logged at WARN too (it names no secret: a request carries none).
 */
final class DeadLetter implements Processor {

    /**
     * Characters of the original record kept. The letter must fit where the record came from: escaped as a JSON
     * string it can grow several times, and a letter the dead-letter topic refuses would hold up its partition.
     */
    static final int MAX_PAYLOAD_CHARS = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetter.class);

    @Override
    public void process(Exchange exchange) {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        RequestRecord request = exchange.getProperty(KafkaRoutes.REQUEST, RequestRecord.class);
        String reason = caught instanceof RejectedRequest ? caught.getMessage()
                : "executed, but the result could not be written to the results topic: " + (caught == null ? "unknown" : caught.getMessage());
        String id = caught instanceof RejectedRequest rejected ? rejected.id() : request != null ? request.id() : null;
        ObjectNode letter = Json.NODES.objectNode();
        letter.put("reason", reason);
        letter.put("id", id);
        String payload = exchange.getProperty(KafkaRoutes.PAYLOAD, String.class);
        if (payload != null && payload.length() > MAX_PAYLOAD_CHARS) {
            letter.put("payload", payload.substring(0, MAX_PAYLOAD_CHARS));
            letter.put("payload_truncated", true);
        } else {
            letter.put("payload", payload);
        }
        letter.put("topic", exchange.getMessage().getHeader(KafkaConstants.TOPIC, String.class));
        letter.put("partition", exchange.getMessage().getHeader(KafkaConstants.PARTITION, Integer.class));
        letter.put("offset", exchange.getMessage().getHeader(KafkaConstants.OFFSET, Long.class));
        LOG.warn("kafka request {} at {}-{}@{} goes to the dead-letter topic: {}", id == null ? "(no id)" : id,
                letter.path("topic").asText(), letter.path("partition").asText(), letter.path("offset").asText(), reason);
        exchange.getMessage().setBody(letter.toString());
    }
}
