package io.webhookactions.definition;

import io.webhookactions.template.HeaderTemplate;
import io.webhookactions.template.JsonBodyTemplate;
import io.webhookactions.template.UrlTemplate;
import java.util.List;
import java.util.Objects;

/**
 * The request part of a plan: the URL with each reference bound to its URL component, the header templates
 * in file order, and the JSON body template (null for none).
 */
public record RequestPlan(UrlTemplate url, List<HeaderTemplate> headers, JsonBodyTemplate body) {

    public RequestPlan {
        Objects.requireNonNull(url);
        headers = List.copyOf(headers);
    }
}
