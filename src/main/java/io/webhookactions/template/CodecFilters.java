package io.webhookactions.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** {@code url_encode}, {@code url_decode} and {@code base64}. */
final class CodecFilters {

    static final Filter URL_DECODE = (input, scope) -> {
        if (input.isMissingNode()) {
            return input;
        }
        try {
            return Values.text(URLDecoder.decode(Values.asText(input), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            return input;
        }
    };

    private CodecFilters() {
    }

    /** Form encoding ({@code +} for space) by default; {@code url_encode true} is RFC 3986 ({@code %20}). */
    static Filter urlEncode(List<Argument> arguments) {
        boolean rfc3986 = arguments.size() == 1 && literalFlag(arguments.get(0), "true", "the only argument is true (RFC 3986)");
        return (input, scope) -> input.isMissingNode() ? input
                : Values.text(rfc3986 ? Percent.encode(Values.asText(input), Percent.UNRESERVED)
                        : URLEncoder.encode(Values.asText(input), StandardCharsets.UTF_8));
    }

    /** {@code base64} or {@code base64 -e} encodes; {@code base64 -d} decodes (to text when it is UTF-8, else bytes). */
    static Filter base64(List<Argument> arguments) {
        String mode = arguments.isEmpty() ? "-e" : literalText(arguments.get(0));
        return switch (mode) {
            case "-e" -> (input, scope) -> input.isMissingNode() ? input
                    : Values.text(Base64.getEncoder().encodeToString(Values.bytes(input)));
            case "-d" -> (input, scope) -> decodeBase64(input);
            default -> throw new IllegalArgumentException("\"" + mode + "\" is not a mode; use -e (encode) or -d (decode)");
        };
    }

    private static JsonNode decodeBase64(JsonNode input) {
        if (input.isMissingNode()) {
            return input;
        }
        byte[] bytes;
        String text = Values.asText(input).strip();
        try {
            bytes = text.contains("-") || text.contains("_") ? Base64.getUrlDecoder().decode(text)
                    : Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return Values.text("");
        }
        try {
            return Values.text(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            return BinaryNode.valueOf(bytes);
        }
    }

    static boolean literalFlag(Argument argument, String expected, String usage) {
        String text = literalText(argument);
        if (!text.equals(expected)) {
            throw new IllegalArgumentException("\"" + text + "\" is not understood; " + usage);
        }
        return true;
    }

    private static String literalText(Argument argument) {
        if (argument instanceof Argument.Literal literal) {
            return literal.text();
        }
        throw new IllegalArgumentException("this argument must be written literally, not read from an attribute");
    }
}
