package io.webhookactions.attribute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Converts a JSON value to a declared type (SPEC §2). A value that cannot be converted becomes a
 * MissingNode: the attribute is then left empty rather than set to something wrong.
 */
public final class Coercion {


    private Coercion() {
    }

    public static JsonNode coerce(JsonNode value, AttributeType type) {
        if (value == null || value.isMissingNode() || value.isNull()) {
            return MissingNode.getInstance();
        }
        return switch (type) {
            case STRING -> value.isTextual() ? value : TextNode.valueOf(value.isValueNode() ? plain(value) : value.toString());
            case INT -> integer(value);
            case FLOAT -> decimal(value);
            case BOOLEAN -> BooleanNode.valueOf(truthy(value));
            case TIMESTAMP -> timestamp(value);
            case COLLECTION -> structured(value, true);
            case COMPOSITE -> structured(value, false);
        };
    }

    /** true/false, yes/no, 1/0 in any case; anything else is false. */
    public static boolean truthy(JsonNode value) {
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.decimalValue().compareTo(BigDecimal.ONE) == 0;
        }
        if (value.isTextual()) {
            String text = value.textValue().strip().toLowerCase(Locale.ROOT);
            return text.equals("true") || text.equals("yes") || text.equals("1");
        }
        return false;
    }

    private static JsonNode integer(JsonNode value) {
        BigDecimal number = number(value);
        if (number == null) {
            return MissingNode.getInstance();
        }
        try {
            return LongNode.valueOf(number.stripTrailingZeros().longValueExact());
        } catch (ArithmeticException e) {
            return MissingNode.getInstance();
        }
    }

    private static JsonNode decimal(JsonNode value) {
        BigDecimal number = number(value);
        return number == null ? MissingNode.getInstance() : DecimalNode.valueOf(number);
    }

    private static JsonNode timestamp(JsonNode value) {
        BigDecimal number = number(value);
        if (number != null) {
            return integer(value);
        }
        if (value.isTextual()) {
            try {
                return LongNode.valueOf(OffsetDateTime.parse(value.textValue().strip()).toEpochSecond());
            } catch (DateTimeParseException e) {
                try {
                    return LongNode.valueOf(Instant.parse(value.textValue().strip()).getEpochSecond());
                } catch (DateTimeParseException again) {
                    return MissingNode.getInstance();
                }
            }
        }
        return MissingNode.getInstance();
    }

    private static JsonNode structured(JsonNode value, boolean array) {
        JsonNode candidate = value;
        if (value.isTextual()) {
            try {
                candidate = io.webhookactions.support.Json.mapper().readTree(value.textValue());
            } catch (IOException e) {
                return MissingNode.getInstance();
            }
        }
        if (candidate == null) {
            return MissingNode.getInstance();
        }
        return (array ? candidate.isArray() : candidate.isObject()) ? candidate : MissingNode.getInstance();
    }

    private static BigDecimal number(JsonNode value) {
        if (value.isNumber()) {
            return value.decimalValue();
        }
        if (value.isTextual()) {
            try {
                return new BigDecimal(value.textValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if (value.isBoolean()) {
            return null;
        }
        return null;
    }

    private static String plain(JsonNode value) {
        if (value.isBigDecimal() || value.isDouble() || value.isFloat()) {
            BigDecimal decimal = value.decimalValue().stripTrailingZeros();
            return (decimal.scale() < 0 ? decimal.setScale(0) : decimal).toPlainString();
        }
        return value.asText();
    }
}
