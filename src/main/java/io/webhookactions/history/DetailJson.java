package io.webhookactions.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.Context;
import io.webhookactions.call.SentRequest;
import io.webhookactions.call.UpstreamResponse;
import io.webhookactions.response.ActionResult;
import io.webhookactions.support.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * The detail of a history record, {@code {"request", "response", "attributes", "truncated"}} in the shapes of the
 * test endpoint (SPEC §7), written in one pass on the execution's thread with every body and long value cut on
 * the way. No tree is copied: building the record through {@link ActionResult#toJson()} and cutting the copy cost
 * about 30 µs an execution on the benchmark's GET, a measurable share of the call.
 */
final class DetailJson {

    private final int maxBytes;
    private boolean truncated;

    private DetailJson(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The detail of {@code result}, bodies and long values cut at {@code maxBytes} UTF-8 bytes. */
    static String of(ActionResult result, int maxBytes) {
        DetailJson detail = new DetailJson(maxBytes);
        return Json.text(json -> detail.write(json, result));
    }

    private void write(JsonGenerator json, ActionResult result) throws IOException {
        json.writeStartObject();
        json.writeFieldName("request");
        request(json, result.request());
        json.writeFieldName("response");
        response(json, result.response());
        json.writeObjectFieldStart("attributes");
        for (Context context : new Context[] {Context.USER, Context.SESSION}) {
            json.writeFieldName(context.key());
            ObjectNode values = result.attributes().get(context);
            if (values == null) {
                json.writeStartObject();
                json.writeEndObject();
            } else {
                value(json, values);
            }
        }
        json.writeEndObject();
        json.writeBooleanField("truncated", truncated);
        json.writeEndObject();
    }

    private void request(JsonGenerator json, SentRequest request) throws IOException {
        if (request == null) {
            json.writeNull();
            return;
        }
        boolean cut = false;
        json.writeStartObject();
        json.writeStringField("method", request.method());
        String url = Cut.prefix(request.url(), maxBytes);
        cut |= url.length() != request.url().length();
        json.writeStringField("url", url);
        headers(json, request.headers());
        json.writeFieldName("body");
        if (request.body() == null) {
            json.writeNull();
        } else {
            // Written once on its own to know its size; kept as JSON when it fits, else its cut text. As UTF-8 bytes: a
            // lone surrogate in a value is then an escape, which the raw copy into the detail takes as it is.
            byte[] body = Json.mapper().writeValueAsBytes(request.body());
            int length = Cut.utf8Length(body, maxBytes);
            if (length == body.length) {
                json.writeRawValue(new String(body, StandardCharsets.UTF_8));
            } else {
                json.writeString(new String(body, 0, length, StandardCharsets.UTF_8));
                cut = true;
            }
        }
        end(json, cut);
    }

    private void response(JsonGenerator json, UpstreamResponse response) throws IOException {
        if (response == null) {
            json.writeNull();
            return;
        }
        json.writeStartObject();
        json.writeNumberField("status", response.status());
        headers(json, response.headers());
        byte[] body = response.body();
        boolean cut = false;
        if (body.length == 0) {
            json.writeNullField("body");
        } else {
            // Only the kept bytes are decoded: a 10 MiB body costs no more than the 64 KiB the history keeps.
            int length = Cut.utf8Length(body, maxBytes);
            cut = length < body.length;
            json.writeStringField("body", new String(body, 0, length, StandardCharsets.UTF_8));
        }
        end(json, cut);
    }

    private void end(JsonGenerator json, boolean cut) throws IOException {
        if (cut) {
            json.writeBooleanField("truncated", true);
            truncated = true;
        }
        json.writeEndObject();
    }

    private static void headers(JsonGenerator json, Map<String, String> headers) throws IOException {
        json.writeObjectFieldStart("headers");
        for (Map.Entry<String, String> header : headers.entrySet()) {
            json.writeStringField(header.getKey(), header.getValue());
        }
        json.writeEndObject();
    }

    /** An attribute value with every long string in it cut (a raw_response attribute holds a whole body). */
    private void value(JsonGenerator json, JsonNode node) throws IOException {
        if (node.isTextual()) {
            String text = node.textValue();
            String shorter = Cut.prefix(text, maxBytes);
            truncated |= shorter.length() != text.length();
            json.writeString(shorter);
        } else if (node.isObject()) {
            json.writeStartObject();
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                json.writeFieldName(field.getKey());
                value(json, field.getValue());
            }
            json.writeEndObject();
        } else if (node.isArray()) {
            json.writeStartArray();
            for (JsonNode item : node) {
                value(json, item);
            }
            json.writeEndArray();
        } else {
            Json.mapper().writeTree(json, node);
        }
    }
}
