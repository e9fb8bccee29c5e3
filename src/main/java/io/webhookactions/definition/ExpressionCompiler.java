package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPathException;
import io.burt.jmespath.jackson.JacksonRuntime;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Compiles response expressions at load, once: a syntax error is a load error at the expression's pointer,
 * never a run-time surprise, and the compiled expression is what the request path evaluates.
 */
final class ExpressionCompiler {

    /** Thread-safe; compiled expressions are reusable across threads. */
    private static final JacksonRuntime JMESPATH = new JacksonRuntime();

    /**
     * Expressions already compiled, by their text: compiling one runs an ANTLR parser (a third of the time to compile a
     * definition), and many definitions map the same paths ({@code data.id}). A compiled expression is immutable and
     * depends on its text only. Bounded (Caffeine evicts the least used), so it never holds more than a few MB; upkeep
     * on the calling thread, not the common pool.
     */
    private static final Cache<String, Expression<JsonNode>> COMPILED = Caffeine.newBuilder().maximumSize(10_000)
            .executor(Runnable::run).build();

    /**
     * Both libraries parse by recursion, one level of the thread's stack for each nested or chained part: a few
     * thousand levels (a long chain of {@code !} or {@code .a}) overflow it. The parse is thrown away, so the
     * overflow leaves nothing behind and is reported like a syntax error.
     */
    static final String TOO_DEEP = "is nested too deeply to compile (thousands of chained or nested parts); "
            + "split it into several outputs or simplify it";

    private final Problems problems;

    ExpressionCompiler(Problems problems) {
        this.problems = problems;
    }

    /** The compiled expression, or null after reporting why it does not compile. */
    Expression<JsonNode> jmesPath(String expression, String pointer, String hint) {
        Expression<JsonNode> compiled = COMPILED.getIfPresent(expression);
        if (compiled != null) {
            return compiled;
        }
        try {
            compiled = JMESPATH.compile(expression);
        } catch (JmesPathException e) {
            problems.add(pointer, "is not a valid JMESPath expression (" + firstLine(e.getMessage())
                    + "); e.g. data.name, items[0].id, error.retryable == `false`" + hint);
            return null;
        } catch (NumberFormatException e) {
            // jmespath-java reads an index or slice bound with Integer.parseInt and lets its exception out.
            problems.add(pointer, "is not a valid JMESPath expression (an index or slice bound beyond ±2147483647); "
                    + "write a smaller number, e.g. items[0].id or items[-1].id");
            return null;
        } catch (StackOverflowError e) {
            problems.add(pointer, TOO_DEEP);
            return null;
        }
        COMPILED.put(expression, compiled);
        return compiled;
    }

    JsonPath jsonPath(String expression, String pointer) {
        try {
            return JsonPath.compile(expression);
        } catch (InvalidPathException | IllegalArgumentException e) {
            problems.add(pointer, "is not a valid JSONPath expression (" + firstLine(e.getMessage()) + "); e.g. $.data.items[*].id");
            return null;
        } catch (StackOverflowError e) {
            problems.add(pointer, TOO_DEEP);
            return null;
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
