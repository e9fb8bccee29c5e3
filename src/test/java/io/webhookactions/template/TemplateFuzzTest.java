package io.webhookactions.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.FloatNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.webhookactions.attribute.AttributeTypes;
import io.webhookactions.attribute.Context;
import io.webhookactions.attribute.Contexts;
import io.webhookactions.support.Json;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What a careless integrator or an attacker can throw at templates: random templates built from the grammar's
 * pieces (and mangled), rendered with hostile attribute values. The promises checked are the ones a user sees:
 * parsing fails only with a {@link TemplateSyntaxException} (the loader's "template error at column N"),
 * rendering only with a {@link RenderException} (a failed execution), nothing hangs, no rendered value is longer
 * than the limit, and a rendered JSON body can always be written. Seeds are fixed: a failure names its case and
 * comes back on every run.
 */
class TemplateFuzzTest {

    private static final int TEMPLATES_PER_SEED = 700;
    private static final long[] SEEDS = {1L, 42L, 20240229L, 0xC0FFEEL};
    private static final long MAX_RENDERED = 64 * 1024;

    private static final String[] NAMES = {"a", "n", "s", "xs", "o", "k", "t", "missing"};
    private static final String[] CONTEXTS = {"", "user.", "session.", "global.", "conversation.", "secret.", "_auth.",
        "_webhook.", "nope."};
    private static final String[] ACCESSORS = {".a", ".id", "[0]", "[1]", "[-1]", "[-2147483648]", "[2147483647]",
        "[1234567890]", "['x y']", "[\"z\"]", "[ 3 ]", "[007]", "[1.5]", "['99999999999999999999']", "[-0]", "[a]"};
    private static final String[] BAD_ACCESSORS = {"[2147483648]", "[99999999999999999999]", "[-99999999999999999999]",
        "[]", "[", "['a", ".", ".1", "[+1]"};
    private static final String[] FILTERS = {"uppercase", "lowercase", "uppercase_first", "uppercase_words", "replace",
        "number_to_words", "ordinal", "ordinal_words", "format_date", "count", "last", "where", "range", "select",
        "url_encode", "url_decode", "base64", "md5", "sha256", "hmac", "hex", "json", "default", "upcase"};
    /** Filters whose arguments need no choosing; {@link #filter} makes the others, mostly with arguments they take. */
    private static final String[] SIMPLE = {"uppercase", "lowercase", "uppercase_first", "uppercase_words",
        "number_to_words", "ordinal", "ordinal_words", "count", "last", "url_decode", "sha256", "hex", "json", "url_encode",
        "url_encode true", "base64", "base64 -e", "base64 -d", "md5", "md5 true"};
    private static final String[] TEXT = {"a", "0", "-1", "\"\"", "\" \"", "\"a | b\"", "\"}\"", "\"\\\"\"", "@user.n",
        "@user.s", "@user.xs", "@n", "@a[0]", "@session.o", "@missing", "99999999999999999999", "1e999999999", "😀",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"};
    private static final String[] INTEGERS = {"0", "1", "-1", "3", "-3", "2147483647", "-2147483648", "@user.n", "@user.s",
        "@missing"};
    private static final String[] PATTERNS = {"yyyy-MM-dd", "\"EEEE d MMMM\"", "\"yyyy-MM-dd'T'HH:mm:ss.SSSXXX\"", "uuuuuuuuu",
        "\"pppppppppppppppppppppppppppppppppppppppppppppppppppppppH\"", "@user.s", "@user.t"};
    private static final String[] ZONES = {"Europe/Paris", "+02:00", "UTC", "-18:00", "@user.s", "@user.t"};
    private static final String[] FIELDS = {".", "a", "id", "address.city", "a.b.c", "@user.s", "@user.k"};
    private static final String[] OPERATORS = {"==", "!=", ">", "<", ">=", "<=", "contains"};
    private static final String[] KEYS = {"key", "a2V5 base64", "6b6579 hex", "@user.k", "@secret.k", "@user.k base64",
        "@user.k hex", "@secret.k text"};
    private static final String[] ARGUMENTS = {"a", "0", "-1", "1", "2147483647", "2147483648", "-2147483649",
        "99999999999999999999", "1e999999999", "-0", "\"\"", "\" \"", "\"a | b\"", "\"}\"", "\"\\\"\"", "yyyy-MM-dd",
        "\"EEEE d MMMM\"", "Europe/Paris", "+02:00", "Mars/Olympus", "\"yyyy'\"", "==", "!=", ">", "<=", "contains", ".",
        "address.city", "true", "-e", "-d", "sha256", "md5", "sha512", "text", "hex", "base64", "a2V5", "6b6579", "zz",
        "@user.n", "@user.s", "@user.xs", "@n", "@a[0]", "@secret.k", "@", "@user.", "@missing", "\"unclosed", "٣",
        "\uD800", "😀", "{", "}"};
    private static final String[] NOISE = {"{", "}", "{{", "}}", "\\{", "\\}", "\\", "|", "||", "\"", "'", "[", "]", "@",
        " ", "\t", "\n", ".", "..", "-", "😀", "\uD800", "\uDC00", "\0", "é", "{{key}}", "{{", "x"};

    /** Hostile attribute values: numbers beyond every range, non-numbers, deep and wide containers, odd text. */
    private static final List<JsonNode> VALUES = values();

    private volatile String current = "";
    /** Every kind of failure (what and where it was thrown) with its first case: one run shows all that is wrong. */
    private final Map<String, String> failures = new LinkedHashMap<>();

    @Test
    void anyTemplateParsesOrFailsWithItsColumnAndRendersOrFailsTheExecution() {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            int parsed = 0;
            int cases = 0;
            for (long seed : SEEDS) {
                Random random = new Random(seed);
                for (int i = 0; i < TEMPLATES_PER_SEED; i++) {
                    String source = random.nextInt(5) == 0 ? mangle(template(random), random) : template(random);
                    current = "seed " + seed + " case " + i + ": " + source;
                    Optional<Template> template = parse(source);
                    cases++;
                    if (template.isEmpty()) {
                        continue;
                    }
                    parsed++;
                    // The loader resolves {{key}} before anything renders; a property value is literal text.
                    Template resolved = template.get().withPlaceholders(key -> "{" + key + "}");
                    for (int v = 0; v < 3; v++) {
                        JsonNode value = VALUES.get(random.nextInt(VALUES.size()));
                        JsonNode other = VALUES.get(random.nextInt(VALUES.size()));
                        current = "seed " + seed + " case " + i + ": " + source + " with " + abbreviate(value) + " / "
                                + abbreviate(other);
                        render(resolved, scope(value, other));
                        cases++;
                    }
                }
            }
            // The generator must keep producing templates that get as far as rendering, or the run proves little.
            assertThat(parsed).as("templates that parsed").isGreaterThan(SEEDS.length * TEMPLATES_PER_SEED / 2);
            System.out.println("TemplateFuzzTest: " + cases + " cases, " + parsed + " templates parsed");
            assertThat(failures).as("cases that threw what users never see documented").isEmpty();
        }, () -> "hung or too slow at " + current);
    }

    @Test
    void largeTemplatesParseInLinearTime() {
        // A definition file may hold 1 MiB; none of these shapes may make the parser quadratic.
        String[] shapes = {"\\{", "{a}", "{a[0]}", "{{k}}", "x", "{a | replace \"}\" \"{\"}", "{a|default @b}", "é😀"};
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            for (String shape : shapes) {
                String source = shape.repeat(200_000 / shape.length());
                assertThat(Template.parse(source).source()).isEqualTo(source);
                parse(source.substring(1) + "{");
                parse("{a | " + source);
                parse("{a[" + source);
                parse("{a | default \"" + source);
            }
            assertThat(failures).isEmpty();
        });
    }

    private Optional<Template> parse(String source) {
        try {
            return Optional.of(Template.parse(source));
        } catch (TemplateSyntaxException e) {
            assertThat(e.column()).as("column of %s", current).isBetween(1, source.length() + 1);
            assertThat(e.reason()).as("reason for %s", current).isNotBlank();
            return Optional.empty();
        } catch (Throwable e) {
            failed("parsing threw " + e, e);
            return Optional.empty();
        }
    }

    private void render(Template template, Scope scope) {
        try {
            String text = template.render(scope);
            assertThat((long) text.length()).as("length rendered by %s", current).isLessThanOrEqualTo(MAX_RENDERED);
        } catch (RenderException e) {
            assertThat(e.getMessage()).isNotBlank();
        } catch (Throwable e) {
            failed("rendering threw " + e, e);
        }
        // The same template as a JSON body value: typed when it is one expression, and written as the request is.
        try {
            JsonNode body = JsonBodyTemplate.compile(Values.text(template.source()), "/body",
                    (text, pointer) -> template).render(scope);
            Json.mapper().writeValueAsBytes(body);
        } catch (RenderException e) {
            assertThat(e.getMessage()).isNotBlank();
        } catch (Throwable e) {
            failed("the JSON body threw " + e, e);
        }
        // In a URL: each value is encoded for the component it stands in, or fails the execution in the host.
        for (String url : new String[] {"https://api.example.com/p/" + template.source(),
            "https://" + template.source() + ".example.com/?q=" + template.source()}) {
            UrlTemplate compiled;
            try {
                compiled = UrlTemplate.compile(Template.parse(url).withPlaceholders(key -> "{" + key + "}"));
            } catch (TemplateSyntaxException e) {
                continue;
            } catch (Throwable e) {
                failed("compiling the URL threw " + e, e);
                continue;
            }
            try {
                compiled.literalHost();
                java.net.URI.create(compiled.render(scope));
            } catch (RenderException e) {
                assertThat(e.getMessage()).isNotBlank();
            } catch (Throwable e) {
                failed("the URL threw " + e, e);
            }
        }
        try {
            new HeaderTemplate("X-Fuzz", template).render(scope);
        } catch (RenderException e) {
            assertThat(e.getMessage()).isNotBlank();
        } catch (Throwable e) {
            failed("the header threw " + e, e);
        }
    }

    private void failed(String what, Throwable e) {
        if (e instanceof VirtualMachineError error && !(e instanceof StackOverflowError)) {
            throw error;
        }
        StackTraceElement at = e.getStackTrace().length == 0 ? null : e.getStackTrace()[0];
        failures.putIfAbsent(what + " at " + at, current);
    }

    private static Scope scope(JsonNode value, JsonNode other) {
        Contexts contexts = Contexts.empty();
        for (int i = 0; i < NAMES.length - 1; i++) {
            contexts = contexts.with(Context.USER, NAMES[i], i % 2 == 0 ? value : other);
            contexts = contexts.with(Context.SESSION, NAMES[i], i % 2 == 0 ? other : value);
        }
        String secret = value.isTextual() ? value.textValue() : "key";
        return AttributeScope.of(contexts, AttributeTypes.none(), name -> Optional.of(secret)).unmasked()
                .withMaxRenderedLength(MAX_RENDERED);
    }

    /** Mostly well-formed templates, so that most cases reach the renderer; some pieces are wrong on purpose. */
    private static String template(Random random) {
        StringBuilder out = new StringBuilder();
        int parts = 1 + random.nextInt(3);
        for (int p = 0; p < parts; p++) {
            if (random.nextInt(3) == 0) {
                out.append(pick(random, "x", "/users/", " ", "\\{lit\\}", "é😀", "{{key}}"));
            }
            out.append('{').append(space(random)).append(reference(random));
            int filters = random.nextInt(4);
            for (int f = 0; f < filters; f++) {
                out.append(space(random)).append('|').append(space(random)).append(filter(random));
            }
            out.append(space(random)).append('}');
        }
        return out.toString();
    }

    private static String reference(Random random) {
        StringBuilder out = new StringBuilder(pick(random, CONTEXTS)).append(pick(random, NAMES));
        int accessors = random.nextInt(3);
        for (int i = 0; i < accessors; i++) {
            out.append(random.nextInt(12) == 0 ? pick(random, BAD_ACCESSORS) : pick(random, ACCESSORS));
        }
        return out.toString();
    }

    private static String filter(Random random) {
        if (random.nextInt(10) == 0) {
            // Anything at all: unknown names, wrong counts, arguments a filter cannot take.
            StringBuilder call = new StringBuilder(pick(random, FILTERS));
            for (int a = random.nextInt(4); a > 0; a--) {
                call.append(' ').append(pick(random, ARGUMENTS));
            }
            return call.toString();
        }
        return switch (random.nextInt(9)) {
            case 0 -> "replace " + pick(random, TEXT) + " " + pick(random, TEXT);
            case 1 -> "format_date " + pick(random, PATTERNS) + (random.nextBoolean() ? " " + pick(random, ZONES) : "");
            case 2 -> "where " + pick(random, FIELDS) + " " + pick(random, TEXT)
                    + (random.nextBoolean() ? " " + pick(random, OPERATORS) : "");
            case 3 -> "range " + pick(random, INTEGERS) + (random.nextBoolean() ? " " + pick(random, INTEGERS) : "");
            case 4 -> "select " + pick(random, FIELDS);
            case 5 -> "hmac " + pick(random, "sha256", "sha512", "sha1", "md5") + " " + pick(random, KEYS);
            case 6 -> "default " + pick(random, TEXT);
            default -> pick(random, SIMPLE);
        };
    }

    /** Inserts, deletes or replaces a few characters: the typos and truncations a definition file really has. */
    private static String mangle(String template, Random random) {
        StringBuilder out = new StringBuilder(template);
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            int at = out.length() == 0 ? 0 : random.nextInt(out.length() + 1);
            switch (random.nextInt(3)) {
                case 0 -> out.insert(at, pick(random, NOISE));
                case 1 -> {
                    if (at < out.length()) {
                        out.deleteCharAt(at);
                    }
                }
                default -> out.replace(at, Math.min(out.length(), at + 1), pick(random, NOISE));
            }
        }
        return out.toString();
    }

    private static String space(Random random) {
        return random.nextInt(4) == 0 ? " " : "";
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String abbreviate(JsonNode value) {
        String text = value.getClass().getSimpleName() + " " + value;
        return text.length() > 80 ? text.substring(0, 80) + "... (" + text.length() + " chars)" : text;
    }

    private static List<JsonNode> values() {
        List<JsonNode> values = new ArrayList<>();
        for (String number : new String[] {"1e999999999", "-1e999999999", "1e-999999999", "1e10000", "1e-10000", "1e400",
            "1e19", "-0", "-0.0", "0.5", "31", "-5", "1700000000", "18446744073709551616", "1E+2", "2.50"}) {
            values.add(DecimalNode.valueOf(new BigDecimal(number)));
            values.add(Values.text(number));
        }
        values.add(BigIntegerNode.valueOf(BigInteger.TEN.pow(999)));
        values.add(DoubleNode.valueOf(Double.NaN));
        values.add(DoubleNode.valueOf(Double.POSITIVE_INFINITY));
        values.add(DoubleNode.valueOf(-0.0));
        values.add(FloatNode.valueOf(Float.NEGATIVE_INFINITY));
        values.add(DoubleNode.valueOf(Double.MIN_VALUE));
        values.add(DoubleNode.valueOf(Double.MAX_VALUE));
        for (String text : new String[] {"", " ", "NaN", "Infinity", "abc", "\uD800", "a\uDC00b", "😀x😀", "straße",
            "ΐ", "100%", "%zz", "a%20b", "not*base64", "aGVsbG8=", "2024-02-29T12:00:00Z", "2024-02-29", "+999999999-12-31",
            "[1,2,3]", "[\"a\",\"b\"]", "{\"a\":1}", "[{\"a\":1,\"id\":2},{\"a\":\"x\"}]", "[1e999999999]", "[", "{",
            "١٢٣", "null", "Europe/Paris", "yyyy", "\r\n", "\0"}) {
            values.add(Values.text(text));
        }
        values.add(Values.text("a".repeat(60_000)));
        values.add(Values.text("[".repeat(5000) + "]".repeat(5000)));
        values.add(Values.text("1" + "0".repeat(999)));
        values.add(Values.text("1".repeat(5000)));
        ArrayNode deep = Values.NODES.arrayNode();
        ArrayNode inner = deep;
        for (int i = 0; i < 60; i++) {
            inner = inner.addArray();
        }
        values.add(deep);
        ArrayNode wide = Values.NODES.arrayNode();
        for (int i = 0; i < 2000; i++) {
            ObjectNode element = wide.addObject();
            element.put("a", i).put("id", "x" + i).set("big", DecimalNode.valueOf(new BigDecimal("1e99999")));
        }
        values.add(wide);
        ArrayNode mixed = Values.NODES.arrayNode();
        mixed.add(DecimalNode.valueOf(new BigDecimal("1e999999999"))).add(DoubleNode.valueOf(Double.NaN)).addNull()
                .add("x").add(true).addObject().put("a", "b");
        values.add(mixed);
        values.add(Values.NODES.objectNode().put("99999999999999999999", "key").put("a", 1));
        values.add(Values.NODES.nullNode());
        values.add(Values.NODES.booleanNode(true));
        values.add(Values.NODES.binaryNode(new byte[] {(byte) 0xff, 0, 1}));
        values.add(Values.NODES.missingNode());
        return values;
    }
}
