package io.webhookactions.definition;

import com.fasterxml.jackson.databind.JsonNode;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import io.burt.jmespath.JmesPathException;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.util.Optional;

/** Compiles response expressions at load so a syntax error is a load error, never a run-time surprise. */
public final class Expressions {

    private static final JacksonRuntime JMESPATH = new JacksonRuntime();

    private Expressions() {
    }

    /** The shared JMESPath runtime (thread-safe; compiled expressions are reusable). */
    public static JacksonRuntime jmesPath() {
        return JMESPATH;
    }

    /** Empty when {@code expression} compiles, else the reason. */
    static Optional<String> jmesPathError(String expression) {
        try {
            io.burt.jmespath.Expression<JsonNode> ignored = JMESPATH.compile(expression);
            return Optional.empty();
        } catch (JmesPathException e) {
            return Optional.of("is not a valid JMESPath expression (" + firstLine(e.getMessage())
                    + "); e.g. data.name, items[0].id, error.retryable == `false`");
        }
    }

    static Optional<String> jsonPathError(String expression) {
        try {
            JsonPath.compile(expression);
            return Optional.empty();
        } catch (InvalidPathException | IllegalArgumentException e) {
            return Optional.of("is not a valid JSONPath expression (" + firstLine(e.getMessage())
                    + "); e.g. $.data.items[*].id");
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
