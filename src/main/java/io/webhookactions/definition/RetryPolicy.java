package io.webhookactions.definition;

import java.util.Set;

/**
 * When and how often a call is repeated (SPEC §1 {@code retry}). Attempts include the first; all of
 * them together stay within the action's {@code timeout_ms}.
 *
 * @param maxAttempts  1..10, the first attempt included
 * @param statusGroups status groups that trigger another attempt ({@code 5xx}, {@code 4xx}, ...)
 * @param statusCodes  single status codes that trigger another attempt ({@code 429})
 * @param onNetworkError whether a failure with no response (connect, reset, timeout) triggers one
 * @param backoffMs    the first delay; each further delay doubles, with jitter
 */
public record RetryPolicy(int maxAttempts, Set<StatusGroup> statusGroups, Set<Integer> statusCodes,
                          boolean onNetworkError, long backoffMs) {

    public static final RetryPolicy NONE = new RetryPolicy(1, Set.of(), Set.of(), false, 0);

    public RetryPolicy {
        statusGroups = Set.copyOf(statusGroups);
        statusCodes = Set.copyOf(statusCodes);
    }

    /** True when a response with this status should be tried again (attempts permitting). */
    public boolean retriesStatus(int status) {
        return statusCodes.contains(status) || StatusGroup.ofStatus(status).map(statusGroups::contains).orElse(false);
    }
}
