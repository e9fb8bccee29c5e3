package io.webhookactions.definition;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One webhook action definition compiled at load (SPEC §1): everything the request path needs, parsed and
 * checked once. Templates are parsed with their {@code {{property}}} placeholders resolved, JMESPath and
 * JSONPath expressions are compiled, status groups are complete. Nothing after the loader parses a template
 * or compiles an expression again. Immutable.
 *
 * @param source          the file it was read from (for messages), or null when it came from memory
 * @param name            unique action name, {@code ^[a-z][a-z0-9_]*$}, at most 60 characters
 * @param description     at most 120 characters, or empty
 * @param method          the HTTP verb
 * @param request         URL, headers and body templates
 * @param authentication  how the request is authenticated; {@link AuthPlan.None} for none
 * @param response        how a response becomes attributes
 * @param timeoutMs       the whole call's budget, retries included; 0 when the file sets none (the service
 *                        default {@code webhook.default-timeout-ms} applies, see {@link #timeoutMs(int)})
 * @param retry           when calls are repeated ({@link RetryPolicy#NONE} by default)
 * @param inputs          the attributes a test needs ({@code context.name}), in order of first appearance
 * @param legacy          for {@code "type": "legacy"} (SPEC §9) its inputs and outputs; null for V2
 * @param sensitiveValues property values that must never be shown: every {@code {{...}}} value used in
 *                        authentication and every value of a sensitive key ({@code password}, {@code token}...)
 */
public record ActionPlan(Path source, String name, String description, HttpMethod method, RequestPlan request,
                         AuthPlan authentication, ResponsePlan response, int timeoutMs, RetryPolicy retry,
                         List<String> inputs, LegacyIo legacy, Set<String> sensitiveValues) {

    public static final int MAX_NAME_LENGTH = 60;
    public static final int MAX_DESCRIPTION_LENGTH = 120;
    public static final int DEFAULT_TIMEOUT_MS = 10_000;
    public static final int MAX_TIMEOUT_MS = 300_000;

    public ActionPlan {
        Objects.requireNonNull(name);
        Objects.requireNonNull(method);
        Objects.requireNonNull(request);
        Objects.requireNonNull(authentication);
        Objects.requireNonNull(response);
        description = description == null ? "" : description;
        retry = retry == null ? RetryPolicy.NONE : retry;
        inputs = List.copyOf(inputs);
        sensitiveValues = Set.copyOf(sensitiveValues);
    }

    /** True for {@code "type": "legacy"} (SPEC §9). */
    public boolean isLegacy() {
        return legacy != null;
    }

    /** The time budget: the file's {@code timeout_ms}, else {@code serviceDefault}. */
    public int timeoutMs(int serviceDefault) {
        return timeoutMs > 0 ? timeoutMs : serviceDefault;
    }

    /** Where the definition came from, as messages name it. */
    public String label() {
        return source == null ? name : source.toString();
    }
}
