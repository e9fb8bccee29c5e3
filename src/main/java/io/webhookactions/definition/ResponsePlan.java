package io.webhookactions.definition;

import io.webhookactions.attribute.AttributeName;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** How a response becomes attributes, compiled at load: V2 status groups or a legacy answer (SPEC §9). */
public sealed interface ResponsePlan {

    /**
     * V2: one rule per status group, every group present (groups the file leaves out map by their defaults:
     * success TRUE for 1xx–3xx, FALSE for 4xx–5xx, no outputs).
     */
    record StatusGroups(Map<StatusGroup, GroupPlan> groups) implements ResponsePlan {
        public StatusGroups {
            EnumMap<StatusGroup, GroupPlan> all = new EnumMap<>(StatusGroup.class);
            for (StatusGroup group : StatusGroup.values()) {
                GroupPlan given = groups == null ? null : groups.get(group);
                all.put(group, given == null ? GroupPlan.byDefault(group) : given);
            }
            groups = Collections.unmodifiableMap(all);
        }

        public GroupPlan of(StatusGroup group) {
            return groups.get(group);
        }
    }

    /** Legacy: {@code successful} decides, the listed outputs are read from {@code output_data.attributes}. */
    record Legacy(List<AttributeName> outputs) implements ResponsePlan {
        public Legacy {
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * One status group: the success rule, the outputs in file order, and the attribute that receives the
     * raw body (null when not stored).
     */
    record GroupPlan(SuccessRule success, List<OutputPlan> outputs, AttributeName rawResponse) {
        public GroupPlan {
            Objects.requireNonNull(success);
            outputs = List.copyOf(outputs);
        }

        static GroupPlan byDefault(StatusGroup group) {
            return new GroupPlan(SuccessRule.byDefault(group), List.of(), null);
        }
    }
}
