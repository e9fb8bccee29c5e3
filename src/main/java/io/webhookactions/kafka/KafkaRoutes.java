package io.webhookactions.kafka;

import io.webhookactions.history.ExecutionHistory;
import io.webhookactions.history.HistoryStore;
import io.webhookactions.runtime.WebhookActions;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import org.apache.camel.CamelContext;
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
 * within one instance's window (and across instances once a result is stored, with the shared guard), order per key.
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

    /** How often a copy waiting for another instance's claim reads its row again. */
    static final Duration CLAIM_POLL = Duration.ofMillis(200);

    private final KafkaSettings settings;
    private final boolean sharedGuard;

    /**
     * @param sharedGuard whether the idempotency guard also keeps ids and results in the execution history's database
     *                    ({@link KafkaSettings#sharedGuard}); the history must then be installed in the context before it starts
     */
    public KafkaRoutes(KafkaSettings settings, boolean sharedGuard) {
        this.settings = settings;
        this.sharedGuard = sharedGuard;
    }

    @Override
    public void configure() {
        WebhookActions actions = WebhookActions.in(getContext());
        IdempotencyGuard guard = new IdempotencyGuard(settings.idempotencyWindow(), settings.idempotencyMaxEntries());
        SharedGuard shared = sharedGuard ? sharedGuard() : null;
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
                .process(new ExecuteRequest(ExecuteRequest.Runner.on(actions, settings.caller()), guard, shared))
                .to(producer(settings.resultsTopic()))
                .process(commit);

        LOG.info("kafka: requests from {} (group {}, {} consumer{}), results to {}, dead letters to {}, brokers {}",
                settings.requestsTopic(), settings.groupId(), settings.consumers(), settings.consumers() == 1 ? "" : "s",
                settings.resultsTopic(), settings.deadLetterTopic(), settings.brokers());
        LOG.info("kafka: request ids remembered for {} s by this instance{}", settings.idempotencyWindow().toSeconds(),
                shared == null ? " only" : " and in the history's database, shared by every instance (claim timeout "
                        + settings.claimTimeout().toSeconds() + " s)");
    }

    /**
     * The guard in the history's database. The history is installed once the routes are configured, before Camel starts
     * them: its connections are looked up when the first claim needs one (a history missing then fails that SQL, and
     * the request runs with the in-memory guard). Started and stopped with the context, its cleanup with it.
     */
    private SharedGuard sharedGuard() {
        CamelContext context = getContext();
        HistoryStore.Connections connections = () -> {
            ExecutionHistory history = context.getRegistry().lookupByNameAndType(ExecutionHistory.BEAN, ExecutionHistory.class);
            if (history == null) {
                throw new SQLException("the execution history is not installed in this Camel context");
            }
            return history.connections().get();
        };
        SharedGuard shared = new SharedGuard(new RequestClaims(connections, settings.groupId()), SharedGuard.instanceName(),
                settings.idempotencyWindow(), settings.claimTimeout(), CLAIM_POLL, Clock.systemUTC());
        try {
            context.addService(shared, true);
            // The meter registry is bound while Camel Main configures; by the start it is there if it ever is.
            context.addStartupListener((started, alreadyStarted) -> KafkaMetrics.register(started, shared));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return shared;
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
