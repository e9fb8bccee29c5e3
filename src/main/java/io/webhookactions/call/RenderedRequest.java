package io.webhookactions.call;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.definition.HttpMethod;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A request as rendered from an action's templates, immutable: the method, the URL parsed once (every step
 * reads {@link #uri()}), the headers to send with the form each is shown in (secrets masked), and the body
 * as the exact bytes sent and as the JSON shown. Authentication returns a new request with its headers
 * added; nothing writes into this one.
 *
 * @param bodyJson the JSON body as shown (secrets never in it: a body cannot read them), or null for none
 * @param body     exactly the bytes sent, or null for no body
 */
public record RenderedRequest(HttpMethod method, URI uri, List<Header> headers, JsonNode bodyJson, byte[] body) {

    /** One header: {@code value} is sent, {@code shown} appears in results, history and logs. */
    public record Header(String name, String value, String shown) {
        public Header {
            Objects.requireNonNull(name);
            Objects.requireNonNull(value);
            Objects.requireNonNull(shown);
        }
    }

    public RenderedRequest {
        Objects.requireNonNull(method);
        Objects.requireNonNull(uri);
        headers = List.copyOf(headers);
    }

    /** The URL as sent. */
    public String url() {
        return uri.toString();
    }

    /** This request with {@code name} set last; a same-named header of any case is replaced. */
    public RenderedRequest withHeader(String name, String value, String shown) {
        List<Header> changed = new ArrayList<>(headers.size() + 1);
        for (Header header : headers) {
            if (!header.name().equalsIgnoreCase(name)) {
                changed.add(header);
            }
        }
        changed.add(new Header(name, value, shown));
        return new RenderedRequest(method, uri, changed, bodyJson, body);
    }

    /** The value sent for {@code name} (any case), or null. */
    public String header(String name) {
        for (Header header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                return header.value();
            }
        }
        return null;
    }

    /** Header name -> value as sent, in order. */
    public Map<String, String> headerValues() {
        Map<String, String> values = new LinkedHashMap<>();
        headers.forEach(header -> values.put(header.name(), header.value()));
        return Collections.unmodifiableMap(values);
    }

    /** The request as shown to people: every header in its shown form. */
    public SentRequest shown() {
        Map<String, String> shownHeaders = new LinkedHashMap<>();
        headers.forEach(header -> shownHeaders.put(header.name(), header.shown()));
        return new SentRequest(method.name(), url(), shownHeaders, bodyJson);
    }
}
