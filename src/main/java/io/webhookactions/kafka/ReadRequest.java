package io.webhookactions.kafka;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The first step: keeps the record's text for a dead letter, then reads it as a {@link RequestRecord} into an exchange
 * property. A record that is not a request fails here with {@link RejectedRequest}.
 */
final class ReadRequest implements Processor {

    private final int maxPipelineActions;

    ReadRequest(int maxPipelineActions) {
        this.maxPipelineActions = maxPipelineActions;
    }

    @Override
    public void process(Exchange exchange) {
        String payload = exchange.getMessage().getBody(String.class);
        exchange.setProperty(KafkaRoutes.PAYLOAD, payload);
        exchange.setProperty(KafkaRoutes.REQUEST, RequestRecord.parse(payload, maxPipelineActions));
    }
}
