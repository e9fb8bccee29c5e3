package io.webhookactions.testsupport;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.response.ActionResult;
import io.webhookactions.runtime.ActionRoutes;
import io.webhookactions.runtime.ExecutionInput;
import io.webhookactions.support.Json;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AdviceWith;

/**
 * Stubs a whole action in a host's test with Camel's AdviceWith: the action's route (id {@code webhook-action:NAME},
 * consuming from {@code direct:webhook-action.NAME}) answers with a result the test builds, and sends nothing.
 * Everything that runs the action sees the stub: {@code webhook-action:NAME} endpoints, pipelines, the HTTP API.
 * Call it before the context starts (CamelTestSupport with {@code isUseAdviceWith()}, Spring's
 * {@code @UseAdviceWith}) or after: AdviceWith restarts the route.
 */
public final class ActionStubs {

    private ActionStubs() {
    }

    /** The action answers {@code answer(contexts)} for every call. */
    public static void stub(CamelContext context, String action, Function<Contexts, ActionResult> answer) throws Exception {
        AdviceWith.adviceWith(context, ActionRoutes.routeId(action), advice -> advice.weaveAddFirst().process(exchange -> {
            ExecutionInput input = exchange.getMessage().getBody(ExecutionInput.class);
            exchange.getMessage().setBody(answer.apply(input == null ? Contexts.empty() : input.contexts()));
        }).stop());
    }

    /** The action answers with {@code status}, succeeding or not, and sets {@code attributes} ({@code name} or {@code session.name}). */
    public static void stub(CamelContext context, String action, boolean success, int status, Map<String, ?> attributes)
            throws Exception {
        stub(context, action, contexts -> result(action, contexts, success, status, attributes));
    }

    /**
     * A result as the action would produce it: the three default attributes of SPEC §4 ({@code N_action_success},
     * {@code action_success}, {@code N_status_code}) plus {@code attributes}; no request or response.
     */
    public static ActionResult result(String action, Contexts input, boolean success, Integer status, Map<String, ?> attributes) {
        Map<Context, ObjectNode> set = new EnumMap<>(Context.class);
        ObjectNode user = set.computeIfAbsent(Context.USER, c -> JsonNodeFactory.instance.objectNode());
        user.put(action + "_action_success", success);
        user.put("action_success", success);
        if (status != null) {
            user.put(action + "_status_code", status);
        }
        attributes.forEach((name, value) -> {
            int dot = name.indexOf('.');
            Context target = dot > 0 ? Context.ofKey(name.substring(0, dot)).orElseThrow(
                    () -> new IllegalArgumentException("unknown context in " + name)) : Context.USER;
            set.computeIfAbsent(target, c -> JsonNodeFactory.instance.objectNode())
                    .set(dot > 0 ? name.substring(dot + 1) : name, Json.mapper().valueToTree(value));
        });
        return new ActionResult(action, success, status, 0, set, null, null, null, null, input);
    }
}
