package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.template.HeaderTemplate;
import io.webhookactions.template.JsonBodyTemplate;
import io.webhookactions.template.Scope;
import io.webhookactions.template.Template;
import io.webhookactions.template.UrlTemplate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The request part of a definition compiled once, at load: the URL with each reference bound to its URL
 * component, the header templates, the JSON body tree. {@code {{key}}} placeholders are resolved here.
 * Rendering only evaluates.
 */
public final class RequestTemplate {

    private final UrlTemplate url;
    private final List<HeaderTemplate> headers;
    private final JsonBodyTemplate body;

    private RequestTemplate(UrlTemplate url, List<HeaderTemplate> headers, JsonBodyTemplate body) {
        this.url = url;
        this.headers = List.copyOf(headers);
        this.body = body;
    }

    /**
     * @param properties resolves {@code {{key}}}; an undefined key fails with the key's name
     * @throws io.webhookactions.WebhookActionException when a placeholder is undefined
     */
    public static RequestTemplate compile(WebhookActionDefinition definition, UnaryOperator<String> properties) {
        UnaryOperator<String> strict = key -> {
            String value = properties.apply(key);
            if (value == null) {
                throw new InvalidDefinitionException(List.of(new DefinitionError(label(definition), "",
                        "property placeholder {{" + key + "}} is not defined; set it in config/application.properties"
                                + " or the environment")));
            }
            return value;
        };
        UnaryOperator<Template> resolve = template -> template.withPlaceholders(strict);
        UrlTemplate url = UrlTemplate.compile(resolve.apply(Template.parse(definition.url())));
        List<HeaderTemplate> headers = new ArrayList<>();
        definition.headers().forEach((name, value) -> headers.add(new HeaderTemplate(name, resolve.apply(Template.parse(value)))));
        JsonBodyTemplate body = definition.body() == null ? null
                : JsonBodyTemplate.compile(definition.body(), text -> resolve.apply(Template.parse(text)));
        return new RequestTemplate(url, headers, body);
    }

    private static String label(WebhookActionDefinition definition) {
        return definition.source() == null ? definition.name() : definition.source().toString();
    }

    /** The host of the URL when no attribute takes part in it. */
    public java.util.Optional<String> literalHost() {
        return url.literalHost();
    }

    public String renderUrl(Scope scope) {
        return url.render(scope);
    }

    /** Header name -> value in definition order. */
    public Map<String, String> renderHeaders(Scope scope) {
        Map<String, String> values = new LinkedHashMap<>((int) (headers.size() / 0.75f) + 1);
        for (HeaderTemplate header : headers) {
            values.put(header.name(), header.render(scope));
        }
        return values;
    }

    /** The body tree, or null when the definition has no body. */
    public JsonNode renderBody(Scope scope) {
        return body == null ? null : body.render(scope);
    }

    public boolean hasBody() {
        return body != null;
    }
}
