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

    /**
     * The longest text read as a number: as long as the JSON reader takes a number to be (Jackson's
     * {@code StreamReadConstraints}). BigDecimal reads n digits in time growing with n squared: a 900 000-digit
     * attribute of type int took 15 s of CPU.
     */
    public static final int MAX_NUMBER_TEXT = 1000;

    /**
     * The widest scale of a number kept, either way: what Jackson writes out as plain digits (it refuses more), about
     * 10 000 digits before or after the point. Beyond it, writing or rendering the number would take billions of digits
     * ({@code 1e-999999999}: 12 s and a gigabyte) or fail.
     */
    public static final int MAX_SCALE = 9999;

    private Coercion() {
    }

    /** True when {@code number} can be written out in plain digits, i.e. its scale is within {@value #MAX_SCALE} either way. */
    public static boolean writable(BigDecimal number) {
        return number.scale() >= -MAX_SCALE && number.scale() <= MAX_SCALE;
    }

    /** True when every number in {@code value}, at any depth, is {@link #writable}. */
    public static boolean numbersWritable(JsonNode value) {
        if (value.isBigDecimal()) {
            return writable(value.decimalValue());
        }
        if (value.isContainerNode()) {
            for (JsonNode child : value) {
                if (!numbersWritable(child)) {
                    return false;
                }
            }
        }
        return true;
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
            BigDecimal number = number(value);
            return number != null && number.compareTo(BigDecimal.ONE) == 0;
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
        if (candidate == null || !Contexts.holdable(candidate)) {
            // As deep as context values may be (64), not as deep as the JSON reader goes (1000): a value 998 levels deep
            // made the execution's answer too deep to write, after the call was made.
            return MissingNode.getInstance();
        }
        return (array ? candidate.isArray() : candidate.isObject()) ? candidate : MissingNode.getInstance();
    }

    /**
     * The number {@code value} holds or spells; null when it holds none (booleans included), NaN or an infinity, text
     * longer than {@value #MAX_NUMBER_TEXT} characters, or one too wide to write out.
     */
    public static BigDecimal number(JsonNode value) {
        BigDecimal number = null;
        if (nonFinite(value)) {
            return null;
        } else if (value.isNumber()) {
            number = value.decimalValue();
        } else if (value.isTextual() && value.textValue().length() <= MAX_NUMBER_TEXT) {
            try {
                number = new BigDecimal(value.textValue().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return number == null || !writable(number) ? null : number;
    }

    /** NaN or an infinity: only Java code (a host's map) can hand one over, and it has no decimal form. */
    private static boolean nonFinite(JsonNode value) {
        return (value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue());
    }

    /**
     * A value node as text: decimals in plain digits without trailing zeros ({@code 1.50} is {@code 1.5}, {@code 1E+2}
     * is {@code 100}); beyond {@value #MAX_SCALE} digits either way, and NaN or an infinity, in their short form.
     */
    public static String plain(JsonNode value) {
        if (nonFinite(value)) {
            return value.asText();
        }
        if (value.isBigDecimal() || value.isDouble() || value.isFloat()) {
            BigDecimal decimal = value.decimalValue().stripTrailingZeros();
            if (!writable(decimal)) {
                // Written out, 1e999999999 is a billion digits (setScale threw, toPlainString ran out of memory).
                return decimal.toString();
            }
            return (decimal.scale() < 0 ? decimal.setScale(0) : decimal).toPlainString();
        }
        return value.asText();
    }
}
