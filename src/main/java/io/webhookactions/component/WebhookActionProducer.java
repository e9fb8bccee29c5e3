package io.webhookactions.component;

import io.webhookactions.WebhookActionException;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.ActionRoutes;
import io.webhookactions.runtime.ExecutionInput;
import io.webhookactions.runtime.UnknownActionException;
import io.webhookactions.runtime.WebhookActions;
import io.webhookactions.support.Json;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ServiceStatus;
import org.apache.camel.support.DefaultProducer;

/**
 * Runs the endpoint's action: contexts in (header, else body), the result out as headers and, unless
 * {@code keepBody}, as the body. A result that is not a success fails the exchange only with
 * {@code throwExceptionOnFailure}.
 */
public class WebhookActionProducer extends DefaultProducer {

    private final WebhookActionConfiguration configuration;
    private WebhookActions actions;

    WebhookActionProducer(WebhookActionEndpoint endpoint) {
        super(endpoint);
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        actions = WebhookActions.in(getEndpoint().getCamelContext());
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Contexts contexts = ContextsInput.read(exchange);
        ActionResult result = execute(contexts);
        if (!configuration.isIncludeExchange()) {
            result = new ActionResult(result.action(), result.success(), result.statusCode(), result.durationMs(),
                    result.attributes(), null, null, result.error(), result.failure(), result.input());
        }
        Message message = exchange.getMessage();
        message.setHeader(WebhookActionConstants.SUCCESS, result.success());
        message.setHeader(WebhookActionConstants.STATUS_CODE, result.statusCode());
        message.setHeader(WebhookActionConstants.ERROR, result.error());
        message.setHeader(WebhookActionConstants.ATTRIBUTES, Json.mapper().convertValue(result.attributesJson(), Map.class));
        if (!configuration.isKeepBody()) {
            message.setBody(result);
        }
        if (configuration.isThrowExceptionOnFailure() && !result.success()) {
            throw new WebhookActionFailedException(result);
        }
    }

    /**
     * Runs the action. The runtime answers "no webhook action named" for a route that does not come back within its
     * reload patience; when the action is loaded and its route was stopped (an operator, a route controller), that
     * sends the user looking for a missing file, so the failure says what is wrong instead.
     */
    private ActionResult execute(Contexts contexts) {
        String name = configuration.getName();
        try {
            return actions.execute(name, ExecutionInput.of(contexts, "component"));
        } catch (UnknownActionException e) {
            String routeId = ActionRoutes.routeId(name);
            ServiceStatus status = getEndpoint().getCamelContext().getRouteController().getRouteStatus(routeId);
            if (actions.registry().isDefined(name) && status != null && status != ServiceStatus.Started) {
                throw new WebhookActionException("webhook action \"" + name + "\" is loaded but its route " + routeId + " is "
                        + status + "; start it (context.getRouteController().startRoute(\"" + routeId + "\")) to run the action", e);
            }
            throw e;
        }
    }
}
