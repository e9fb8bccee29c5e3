package io.webhookactions.definition;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.webhookactions.support.Json;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** What the schema sees: numbers beyond a long at their nearest long, everything else untouched. */
class OutOfRangeNumbersTest {

    private static JsonNode json(String text) throws IOException {
        return Json.strict().readTree(text);
    }

    @Test
    void aTreeWhoseNumbersFitIsTheSameTreeNotACopy() throws IOException {
        JsonNode tree = json("{\"timeout_ms\": 9223372036854775807, \"retry\": {\"on\": [429, -9223372036854775808, 1.5]}}");

        assertThat(OutOfRangeNumbers.clamped(tree)).isSameAs(tree);
    }

    @Test
    void numbersBeyondALongInFieldsAndArraysAtAnyDepthBecomeTheNearestLong() throws IOException {
        JsonNode tree = json("{\"a\": 1e300, \"b\": {\"c\": [1, -1e300, [18446744073709551716]]}, \"d\": 7}");

        JsonNode clamped = OutOfRangeNumbers.clamped(tree);

        assertThat(clamped.toString()).isEqualTo("{\"a\":9223372036854775807,\"b\":{\"c\":[1,-9223372036854775808,"
                + "[9223372036854775807]]},\"d\":7}");
        assertThat(tree.path("a").decimalValue()).as("the compiler's tree keeps the number as written")
                .isEqualByComparingTo("1e300");
    }
}
