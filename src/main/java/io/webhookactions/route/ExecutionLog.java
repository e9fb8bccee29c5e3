package io.webhookactions.route;

import io.webhookactions.call.RenderedRequest;
import io.webhookactions.response.ActionResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One INFO line per execution (action, caller, method, host, status, duration, success) and, at DEBUG, the
 * request and response as shown in results: secrets masked and scrubbed, bodies as sent and received.
 */
final class ExecutionLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.webhookactions.execution");

    private ExecutionLog() {
    }

    static void log(ActionResult result, Execution.Started execution, RenderedRequest request, int attempts) {
        if (LOG.isInfoEnabled()) {
            String host = request == null ? "-" : request.uri().getHost();
            LOG.info("action={} caller={} method={} host={} status={} duration_ms={} success={}{}", result.action(),
                    execution == null ? "-" : execution.input().caller(),
                    result.request() == null ? (execution == null ? "-" : execution.plan().method()) : result.request().method(),
                    host, result.statusCode() == null ? "-" : result.statusCode(), result.durationMs(), result.success(),
                    result.error() == null ? "" : " error=\"" + result.error() + "\"");
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("action={} request={} attempts={}", result.action(), result.request(), attempts);
            if (result.response() != null) {
                LOG.debug("action={} response status={} headers={} body={}", result.action(), result.response().status(),
                        result.response().headers(), result.response().bodyText());
            }
        }
    }
}
