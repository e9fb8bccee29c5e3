package io.webhookactions.kafka;

import io.webhookactions.runtime.WebhookActions;
import org.apache.camel.builder.RouteBuilder;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka request/result bridge of {@code serve} ({@code webhook.kafka.enabled=true}): every instance of a deployment
 * consumes the requests topic in one consumer group, so Kafka gives each request to one of them; the result goes to
 * the results topic under the request's key, and only then is the request's offset committed.
 * <pre>
 *   kafka:requests (group) -> read request -> execute once (idempotency guard) -> kafka:results -> commit offset
 *                                 \______________ refused _______________________/ (too large)
 *                                                  \-> kafka:dead-letters -> commit offset
 * </pre>
 * What that guarantees, and what it does not, is in docs/scaling.md: results at least once, executions once per id
 * within one instance's window, order per key.
 *
 * <p>Options fixed on the endpoints because the guarantees rest on them: no auto-commit, manual commit, a failed
 * exchange re-polls its record ({@code breakOnFirstError}), a new group starts at the earliest request, results and
 * dead letters are acknowledged by all in-sync replicas, written idempotently and waited for on the consumer's thread.
 * Everything else comes from {@code camel.component.kafka.*}.
 */
public final class KafkaRoutes extends RouteBuilder {

    public static final String ROUTE_ID = "webhook-kafka-requests";
    /** Exchange properties of the route. */
    static final String PAYLOAD = "WebhookKafkaPayload";
    static final String REQUEST = "WebhookKafkaRequest";
    /**
     * Started after every route Camel numbers itself (from 1000 up) and every action route started on its first call
     * (from 500 000 000 up, see {@code WebhookActionsCamelContext}), and so stopped before them: no
     * request is taken before the actions run, and in-flight requests finish while they still do.
     */
    static final int STARTUP_ORDER = 1_000_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(KafkaRoutes.class);

    private final KafkaSettings settings;

    public KafkaRoutes(KafkaSettings settings) {
        this.settings = settings;
    }

    @Override
    public void configure() {
        WebhookActions actions = WebhookActions.in(getContext());
        IdempotencyGuard guard = new IdempotencyGuard(settings.idempotencyWindow(), settings.idempotencyMaxEntries());
        CommitOffset commit = new CommitOffset();

        // A request that can never run, or whose result the results topic will never take (larger than its
        // max.message.bytes): the reason to the dead letters, its offset committed, and on to the next. Should that write
        // fail, the exchange fails and the record is polled again like any other.
        onException(RejectedRequest.class, RecordTooLargeException.class).handled(true)
                .process(new DeadLetter())
                .to(producer(settings.deadLetterTopic()))
                .process(commit);

        from(requests())
                .routeId(ROUTE_ID)
                .startupOrder(STARTUP_ORDER)
                .process(new ReadRequest(settings.maxPipelineActions()))
                .process(new ExecuteRequest(ExecuteRequest.Runner.on(actions, settings.caller()), guard))
                .to(producer(settings.resultsTopic()))
                .process(commit);

        LOG.info("kafka: requests from {} (group {}, {} consumer{}), results to {}, dead letters to {}, brokers {}",
                settings.requestsTopic(), settings.groupId(), settings.consumers(), settings.consumers() == 1 ? "" : "s",
                settings.resultsTopic(), settings.deadLetterTopic(), settings.brokers());
    }

    private String requests() {
        return "kafka:" + settings.requestsTopic() + "?brokers=RAW(" + settings.brokers() + ")&groupId=RAW(" + settings.groupId() + ")"
                + "&consumersCount=" + settings.consumers() + "&maxPollRecords=" + settings.maxPollRecords()
                + "&autoOffsetReset=earliest&autoCommitEnable=false&allowManualCommit=true&breakOnFirstError=true"
                // Stopping waits for a poll to return: a short poll keeps shutdown and rebalances quick.
                + "&pollTimeoutMs=1000";
    }

    private String producer(String topic) {
        // Synchronous: the route goes on, to the offset commit, on the consumer's own thread once the write is
        // acknowledged; a Kafka consumer must only be used from its own thread.
        return "kafka:" + topic + "?brokers=RAW(" + settings.brokers() + ")&requestRequiredAcks=all&enableIdempotence=true"
                + "&synchronous=true";
    }
}
