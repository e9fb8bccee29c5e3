package io.webhookactions.response;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Context;
import io.webhookactions.call.UpstreamResponse;
import io.webhookactions.definition.ActionPlan;
import io.webhookactions.definition.ResponsePlan;
import java.util.Map;

/** How a response becomes attributes, from the plan compiled at load: V2 status groups or a legacy response. */
public interface ResponseMapping {

    /** What a received response sets. */
    Mapped map(UpstreamResponse response);

    /** What an execution that received no response sets: success false and {@code N_error}. */
    Mapped failure(String error);

    /** The mapping of {@code plan}'s response, typing outputs by {@code types}; nothing is compiled here. */
    static ResponseMapping of(ActionPlan plan, AttributeTypes types) {
        if (plan.response() instanceof ResponsePlan.Legacy legacy) {
            return new LegacyMapping(plan.name(), legacy, types);
        }
        return new StatusGroupMapping(plan.name(), (ResponsePlan.StatusGroups) plan.response(), types);
    }

    static Mapped failure(String action, String error) {
        SetAttributes set = new SetAttributes();
        set.putDefaults(action, false, null, error);
        return new Mapped(false, set.values(), error);
    }

    /**
     * The outcome of mapping: success, what was set per context (user, session; a NullNode value removes
     * the attribute) and {@code N_error} when there is one.
     */
    record Mapped(boolean success, Map<Context, ObjectNode> attributes, String error) {
    }
}
