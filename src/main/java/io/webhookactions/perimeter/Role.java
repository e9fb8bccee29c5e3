package io.webhookactions.perimeter;

import java.util.Locale;
import java.util.Optional;

/**
 * What a caller of the API may do (SPEC §10). Roles are cumulative: each one may do everything the ones
 * before it may.
 */
public enum Role {
    /** Reads: the action list, problems, executions, the panel's data, metrics. */
    VIEWER,
    /** Also runs {@code /test}. */
    TESTER,
    /** Also runs {@code /execute} and {@code /api/pipelines/execute}. */
    EXECUTOR,
    /** Everything. */
    ADMIN;

    public boolean allows(Role needed) {
        return compareTo(needed) >= 0;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> ofKey(String key) {
        for (Role role : values()) {
            if (role.key().equalsIgnoreCase(key == null ? "" : key.strip())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
