package io.webhookactions.perimeter;

import java.util.List;
import java.util.Objects;

/**
 * Who is calling the API, once authenticated: the name that goes into the execution log and history, the
 * role, and the action patterns the caller is limited to (empty: every action).
 *
 * @param name    an API key's name, a token's subject, or {@code local} when the API runs without authentication
 * @param actions glob patterns such as {@code get_*}
 */
public record Caller(String name, Role role, List<String> actions) {

    /** The caller of an API that runs without authentication (loopback only, SPEC §10). */
    public static final Caller LOCAL = new Caller("local", Role.ADMIN, List.of());

    public Caller {
        Objects.requireNonNull(name);
        Objects.requireNonNull(role);
        actions = List.copyOf(actions);
    }

    /** Whether this caller may touch action {@code name} at all. */
    public boolean mayUse(String action) {
        if (actions.isEmpty()) {
            return true;
        }
        for (String pattern : actions) {
            if (ActionPatterns.matches(pattern, action)) {
                return true;
            }
        }
        return false;
    }
}
