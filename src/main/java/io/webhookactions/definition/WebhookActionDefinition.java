package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * One validated webhook action (SPEC §1), immutable. Templates are kept as written; the template
 * engine parses them once when the action's route is built.
 *
 * @param source         the file it was read from (for messages), or {@code null} when built in code
 * @param name           unique action name, {@code ^[a-z][a-z0-9_]*$}, at most 60 characters
 * @param description    at most 120 characters, or empty
 * @param method         the HTTP verb
 * @param url            the URL template
 * @param headers        header name -> value template, in file order
 * @param body           the JSON body template, or {@code null} for no body
 * @param authentication the authentication, or {@code null} for none
 * @param response       one entry per status group, defaults filled in for groups the file leaves out
 * @param timeoutMs      the whole call's time budget, retries included; 0 when the file sets none (the
 *                       service default {@code webhook.default-timeout-ms} applies, see {@link #timeoutMs(int)})
 * @param retry          the retry policy ({@link RetryPolicy#NONE} by default)
 * @param legacy         for {@code "type": "legacy"} (SPEC §9) its inputs and outputs; null for V2
 */
public record WebhookActionDefinition(Path source, String name, String description, HttpMethod method, String url,
                                      Map<String, String> headers, JsonNode body, Authentication authentication,
                                      Map<StatusGroup, ResponseGroup> response, int timeoutMs, RetryPolicy retry,
                                      LegacyIo legacy) {

    public static final int MAX_NAME_LENGTH = 60;
    public static final int MAX_DESCRIPTION_LENGTH = 120;
    public static final int DEFAULT_TIMEOUT_MS = 10_000;
    public static final int MAX_TIMEOUT_MS = 300_000;

    public WebhookActionDefinition {
        Objects.requireNonNull(name);
        Objects.requireNonNull(method);
        Objects.requireNonNull(url);
        description = description == null ? "" : description;
        headers = Maps.orderedCopy(headers);
        body = body == null ? null : body.deepCopy();
        response = completeResponse(response);
        retry = retry == null ? RetryPolicy.NONE : retry;
    }

    /** A V2 definition (the usual kind). */
    public WebhookActionDefinition(Path source, String name, String description, HttpMethod method, String url,
                                   Map<String, String> headers, JsonNode body, Authentication authentication,
                                   Map<StatusGroup, ResponseGroup> response, int timeoutMs, RetryPolicy retry) {
        this(source, name, description, method, url, headers, body, authentication, response, timeoutMs, retry, null);
    }

    /** True for {@code "type": "legacy"} (SPEC §9). */
    public boolean isLegacy() {
        return legacy != null;
    }

    /** The time budget: the file's {@code timeout_ms}, else {@code serviceDefault}. */
    public int timeoutMs(int serviceDefault) {
        return timeoutMs > 0 ? timeoutMs : serviceDefault;
    }

    /** The mapping of a status group; groups the file left out map by their defaults. */
    public ResponseGroup responseFor(StatusGroup group) {
        return response.get(group);
    }

    private static Map<StatusGroup, ResponseGroup> completeResponse(Map<StatusGroup, ResponseGroup> given) {
        EnumMap<StatusGroup, ResponseGroup> all = new EnumMap<>(StatusGroup.class);
        for (StatusGroup group : StatusGroup.values()) {
            ResponseGroup mapping = given == null ? null : given.get(group);
            all.put(group, mapping == null ? ResponseGroup.byDefault(group) : mapping);
        }
        return java.util.Collections.unmodifiableMap(all);
    }
}
