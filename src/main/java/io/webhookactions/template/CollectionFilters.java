package io.webhookactions.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.BiPredicate;

/** {@code where}, {@code range} and {@code select} over JSON arrays (of scalars or of objects). */
final class CollectionFilters {

    private CollectionFilters() {
    }

    /** {@code where FIELD VALUE [op]}: the elements whose FIELD compares to VALUE; {@code ==} by default. */
    static Filter where(List<Argument> arguments) {
        String operator = arguments.size() == 3 ? literal(arguments.get(2), "the operator") : "==";
        BiPredicate<JsonNode, JsonNode> test = operator(operator);
        return (input, scope) -> {
            ArrayNode array = Values.asArray(input);
            if (array == null) {
                return input;
            }
            String field = Values.asText(scope.resolve(arguments.get(0)));
            JsonNode expected = scope.resolve(arguments.get(1));
            ArrayNode matches = Values.NODES.arrayNode();
            for (JsonNode element : array) {
                JsonNode actual = element.isObject() ? Values.walk(element, FieldPath.parse(field)) : element;
                if (!actual.isMissingNode() && test.test(actual, expected)) {
                    matches.add(element);
                }
            }
            return matches;
        };
    }

    /** {@code range START [COUNT]}: a slice; a negative START counts from the end; COUNT defaults to the rest. */
    static Filter range(List<Argument> arguments) {
        Integer literalStart = integerOrNull(arguments.get(0), "START");
        // Boxed on purpose: with an int on one side the conditional unboxes, and a COUNT from an @ref (null here) threw.
        Integer literalCount = arguments.size() < 2 ? Integer.valueOf(Integer.MAX_VALUE) : integerOrNull(arguments.get(1), "COUNT");
        return (input, scope) -> {
            Integer start = literalStart != null ? literalStart : toInt(scope.resolve(arguments.get(0)));
            Integer count = literalCount != null ? literalCount : toInt(scope.resolve(arguments.get(1)));
            if (start == null || count == null) {
                return input;
            }
            ArrayNode array = Values.asArray(input);
            if (array != null) {
                int[] bounds = bounds(array.size(), start, count);
                ArrayNode slice = Values.NODES.arrayNode();
                for (int i = bounds[0]; i < bounds[1]; i++) {
                    slice.add(array.get(i));
                }
                return slice;
            }
            if (input.isMissingNode()) {
                return input;
            }
            String text = Values.asText(input);
            int[] bounds = bounds(text.codePointCount(0, text.length()), start, count);
            return Values.text(text.substring(text.offsetByCodePoints(0, bounds[0]), text.offsetByCodePoints(0, bounds[1])));
        };
    }

    /** {@code select FIELD}: the FIELD of each object element, skipping elements without it. */
    static Filter select(List<Argument> arguments) {
        return (input, scope) -> {
            ArrayNode array = Values.asArray(input);
            if (array == null) {
                return input;
            }
            List<Accessor> path = FieldPath.parse(Values.asText(scope.resolve(arguments.get(0))));
            ArrayNode selected = Values.NODES.arrayNode();
            for (JsonNode element : array) {
                JsonNode value = Values.walk(element, path);
                if (!value.isMissingNode()) {
                    selected.add(value);
                }
            }
            return selected;
        };
    }

    private static int[] bounds(int size, int start, int count) {
        int from = start < 0 ? Math.max(0, size + start) : Math.min(start, size);
        int to = count < 0 ? from : (int) Math.min((long) from + count, size);
        return new int[] {from, to};
    }

    private static BiPredicate<JsonNode, JsonNode> operator(String operator) {
        return switch (operator) {
            case "==" -> (a, b) -> compare(a, b) == 0;
            case "!=" -> (a, b) -> compare(a, b) != 0;
            case ">" -> (a, b) -> compare(a, b) > 0;
            case "<" -> (a, b) -> compare(a, b) < 0;
            case ">=" -> (a, b) -> compare(a, b) >= 0;
            case "<=" -> (a, b) -> compare(a, b) <= 0;
            case "contains" -> CollectionFilters::contains;
            default -> throw new IllegalArgumentException("\"" + operator
                    + "\" is not an operator; use ==, !=, >, <, >=, <= or contains");
        };
    }

    /** Numbers compare as numbers (also when written as text), everything else as text. */
    private static int compare(JsonNode actual, JsonNode expected) {
        BigDecimal a = Values.number(actual);
        BigDecimal b = Values.number(expected);
        if (a != null && b != null) {
            return a.compareTo(b);
        }
        return Values.asText(actual).compareTo(Values.asText(expected));
    }

    private static boolean contains(JsonNode actual, JsonNode expected) {
        ArrayNode array = Values.asArray(actual);
        if (array != null) {
            for (JsonNode element : array) {
                if (compare(element, expected) == 0) {
                    return true;
                }
            }
            return false;
        }
        return TextSearch.contains(Values.asText(actual), Values.asText(expected));
    }

    private static String literal(Argument argument, String what) {
        if (argument instanceof Argument.Literal literal) {
            return literal.text();
        }
        throw new IllegalArgumentException(what + " must be written literally, not read from an attribute");
    }

    private static Integer integerOrNull(Argument argument, String what) {
        if (!(argument instanceof Argument.Literal literal)) {
            return null;
        }
        try {
            return Integer.parseInt(literal.text());
        } catch (NumberFormatException e) {
            // "must be a whole number, not 99999999999" read as a contradiction: say that it is the size.
            if (literal.text().matches("[-+]?[0-9]+")) {
                throw new IllegalArgumentException(what + " " + literal.text() + " is too "
                        + (literal.text().startsWith("-") ? "small" : "large") + "; write a whole number from "
                        + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE);
            }
            throw new IllegalArgumentException(what + " must be a whole number, not \"" + literal.text() + "\"");
        }
    }

    private static Integer toInt(JsonNode value) {
        BigDecimal number = Values.number(value);
        try {
            return number == null ? null : number.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }
}
