package io.webhookactions.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.webhookactions.support.Suggestions;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every filter of SPEC §3 by name. A filter given a value it cannot work on (a word to
 * {@code number_to_words}, text to {@code count}) leaves the value unchanged, so a template never
 * fails at run time because of an attribute's content.
 */
public final class Filters {

    private static final Map<String, FilterSpec> SPECS = new LinkedHashMap<>();

    static {
        add(FilterSpec.of("uppercase", "uppercase", text(s -> s.toUpperCase(Locale.ROOT))));
        add(FilterSpec.of("lowercase", "lowercase", text(s -> s.toLowerCase(Locale.ROOT))));
        add(FilterSpec.of("uppercase_first", "uppercase_first", text(Filters::uppercaseFirst)));
        add(FilterSpec.of("uppercase_words", "uppercase_words", text(Filters::uppercaseWords)));
        add(new FilterSpec("replace", 2, 2, "replace SEARCH REPLACEMENT", args -> (input, scope) -> {
            String search = Values.asText(scope.resolve(args.get(0)));
            String replacement = Values.asText(scope.resolve(args.get(1)));
            String value = Values.asText(input);
            if (search.isEmpty()) {
                return Values.text(value);
            }
            if (replacement.length() > search.length()) {
                // Counted before building: replacing every 'a' of 60 KB by 14 KB would need 800 MB first.
                long grown = (long) TextSearch.count(value, search) * (replacement.length() - search.length());
                if (value.length() + grown > scope.maxRenderedLength()) {
                    throw new RenderException("replace would make a value of " + (value.length() + grown)
                            + " characters, longer than webhook.max-rendered-bytes (" + scope.maxRenderedLength() + ")");
                }
            }
            return Values.text(TextSearch.replace(value, search, replacement));
        }));
        add(FilterSpec.of("number_to_words", "number_to_words",
                number(n -> Values.text(EnglishNumbers.words(n)))));
        add(FilterSpec.of("ordinal", "ordinal",
                integer(n -> Values.text(EnglishNumbers.ordinal(n.toBigInteger())))));
        add(FilterSpec.of("ordinal_words", "ordinal_words",
                integer(n -> Values.text(EnglishNumbers.ordinalWords(n.toBigInteger())))));
        add(new FilterSpec("format_date", 1, 2, "format_date FORMAT [TIMEZONE]", DateFormatFilter::compile));
        add(FilterSpec.of("count", "count", (input, scope) -> {
            ArrayNode array = Values.asArray(input);
            if (array != null) {
                return IntNode.valueOf(array.size());
            }
            if (input.isObject()) {
                return IntNode.valueOf(input.size());
            }
            return IntNode.valueOf(Values.asText(input).codePointCount(0, Values.asText(input).length()));
        }));
        add(FilterSpec.of("last", "last", (input, scope) -> {
            ArrayNode array = Values.asArray(input);
            if (array != null) {
                return array.isEmpty() ? MissingNode.getInstance() : array.get(array.size() - 1);
            }
            String text = Values.asText(input);
            return text.isEmpty() ? input : Values.text(text.substring(text.offsetByCodePoints(text.length(), -1)));
        }));
        add(new FilterSpec("where", 2, 3, "where FIELD VALUE [==|!=|>|<|>=|<=|contains]", CollectionFilters::where));
        add(new FilterSpec("range", 1, 2, "range START [COUNT]", CollectionFilters::range));
        add(new FilterSpec("select", 1, 1, "select FIELD", CollectionFilters::select));
        add(new FilterSpec("url_encode", 0, 1, "url_encode [true]", CodecFilters::urlEncode));
        add(FilterSpec.of("url_decode", "url_decode", CodecFilters.URL_DECODE));
        add(new FilterSpec("base64", 0, 1, "base64 [-e|-d]", CodecFilters::base64));
        add(new FilterSpec("md5", 0, 1, "md5 [true]", args -> {
            boolean hex = args.size() == 1 && CodecFilters.literalFlag(args.get(0), "true", "md5's only argument is true (hex text)");
            Filter digest = digest("MD5");
            return hex ? (input, scope) -> Values.text(HexFormat.of().formatHex(Values.bytes(digest.apply(input, scope))))
                    : digest;
        }));
        add(FilterSpec.of("sha256", "sha256", digest("SHA-256")));
        add(new FilterSpec("hmac", 2, 3, "hmac sha256|sha512|sha1|md5 KEY [text|base64|hex]", HmacFilter::compile));
        add(FilterSpec.of("hex", "hex", (input, scope) -> Values.text(HexFormat.of().formatHex(Values.bytes(input)))));
        add(FilterSpec.of("json", "json", (input, scope) -> Values.text(input.isMissingNode() ? "null"
                : input.isBinary() ? "\"" + Values.asText(input) + "\"" : input.toString())));
        add(new FilterSpec("default", 1, 1, "default VALUE", args -> (input, scope) ->
                Values.isEmpty(input) ? scope.resolve(args.get(0)) : input));
    }

    private Filters() {
    }

    private static void add(FilterSpec spec) {
        SPECS.put(spec.name(), spec);
    }

    /** Names of all filters, in documentation order. */
    public static List<String> names() {
        return List.copyOf(SPECS.keySet());
    }

    static Optional<FilterSpec> spec(String name) {
        return Optional.ofNullable(SPECS.get(name));
    }

    /**
     * Compiles {@code name} with {@code arguments}.
     *
     * @throws IllegalArgumentException naming the fix: unknown filter (with the closest name), wrong
     *                                  argument count (with the usage) or a bad literal argument
     */
    static Filter compile(String name, List<Argument> arguments) {
        FilterSpec spec = SPECS.get(name);
        if (spec == null) {
            String hint = Suggestions.closest(name, SPECS.keySet()).map(n -> "did you mean \"" + n + "\"? ").orElse("");
            throw new IllegalArgumentException("unknown filter \"" + name + "\"; " + hint + "filters are: "
                    + String.join(", ", SPECS.keySet()));
        }
        if (arguments.size() < spec.minArgs() || arguments.size() > spec.maxArgs()) {
            throw new IllegalArgumentException("filter \"" + name + "\" takes " + spec.arity() + " but got "
                    + arguments.size() + "; write: " + spec.usage());
        }
        try {
            return spec.compile(arguments);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("filter \"" + name + "\": " + e.getMessage() + "; write: " + spec.usage(), e);
        }
    }

    private static Filter text(java.util.function.UnaryOperator<String> operation) {
        return (input, scope) -> input.isMissingNode() ? input : Values.text(operation.apply(Values.asText(input)));
    }

    private static Filter number(java.util.function.Function<BigDecimal, JsonNode> operation) {
        return (input, scope) -> {
            BigDecimal number = Values.number(input);
            return number == null ? input : operation.apply(number);
        };
    }

    private static Filter integer(java.util.function.Function<BigDecimal, JsonNode> operation) {
        return (input, scope) -> {
            BigDecimal number = Values.number(input);
            if (number == null || number.stripTrailingZeros().scale() > 0) {
                return input;
            }
            return operation.apply(number);
        };
    }

    private static Filter digest(String algorithm) {
        return (input, scope) -> {
            try {
                return BinaryNode.valueOf(MessageDigest.getInstance(algorithm).digest(Values.bytes(input)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(algorithm + " is part of every JDK", e);
            }
        };
    }

    private static String uppercaseFirst(String text) {
        if (text.isEmpty()) {
            return text;
        }
        int first = text.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toUpperCase(first))
                .append(text, Character.charCount(first), text.length()).toString();
    }

    private static String uppercaseWords(String text) {
        StringBuilder out = new StringBuilder(text.length());
        boolean atWordStart = true;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            out.appendCodePoint(atWordStart ? Character.toUpperCase(cp) : cp);
            atWordStart = Character.isWhitespace(cp);
            i += Character.charCount(cp);
        }
        return out.toString();
    }
}
