package io.webhookactions.kafka;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.component.kafka.consumer.KafkaManualCommit;

/**
 * The last step: commits the request's offset, only now that its result (or dead letter) is written. A crash before
 * this line leaves the offset uncommitted, and the group delivers the request again: at least once, never lost.
 */
final class CommitOffset implements Processor {

    @Override
    public void process(Exchange exchange) {
        KafkaManualCommit commit = exchange.getMessage().getHeader(KafkaConstants.MANUAL_COMMIT, KafkaManualCommit.class);
        if (commit == null) {
            throw new IllegalStateException("no " + KafkaConstants.MANUAL_COMMIT + " header: the requests endpoint must have"
                    + " allowManualCommit=true");
        }
        commit.commit();
    }
}
